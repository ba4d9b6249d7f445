import { retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it('doubles from the base delay at each attempt when there is no jitter', () => {
    expect([1, 2, 3, 4, 8].map((attempt) => retryDelayMs(attempt, 1000, 0))).toEqual([1000, 2000, 4000, 8000, 128_000]);
  });

  it('stays within ±jitter of the exponential curve', () => {
    expect(retryDelayMs(3, 1000, 0.2, () => 0)).toBe(3200);
    expect(retryDelayMs(3, 1000, 0.2, () => 1)).toBe(4800);
  });
});
