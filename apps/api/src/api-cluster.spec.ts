import { availableParallelism } from 'node:os';
import { loadConfig } from '@app/platform';
import { apiProcesses } from './api-cluster';

const production = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/ancrage',
  REDIS_URL: 'redis://127.0.0.1:6379',
});
const embedded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

describe('API_PROCESSES', () => {
  it('is one process unless asked, a number, or one per core with auto', () => {
    expect(apiProcesses(undefined, production)).toEqual({ processes: 1 });
    expect(apiProcesses('3', production)).toEqual({ processes: 3 });
    expect(apiProcesses('auto', production)).toEqual({ processes: availableParallelism() });
  });

  it('refuses what is not a whole number from 1 to 64', () => {
    for (const value of ['0', '-2', '1.5', 'two', '65'])
      expect(() => apiProcesses(value, production)).toThrow('API_PROCESSES is a whole number from 1 to 64');
  });

  it('stays one process in the embedded mode (SQLite, jobs in the process), with a warning', () => {
    expect(apiProcesses('auto', embedded)).toEqual({ processes: 1, warning: expect.stringContaining('embedded') });
  });
});
