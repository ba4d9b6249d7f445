/** The check digit that makes `digits` pass Luhn's test, appended. */
function withLuhnDigit(digits: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${digits}${check}`;
    const sum = [...candidate].reverse().reduce((total, digit, index) => {
      const doubled = index % 2 === 1 ? Number(digit) * 2 : Number(digit);
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/**
 * A valid SIRET of its own for each run (Luhn on the SIREN and on the SIRET), as the demo makes them; `first` keeps
 * two specs' SIRETs apart when they run in the same millisecond's window.
 */
export const freshSiret = (first: '7' | '8'): string =>
  withLuhnDigit(`${withLuhnDigit(`${first}${String(Date.now() % 10_000_000).padStart(7, '0')}`)}0001`);
