import { frenchVatNumber, isValidSiret, normalizeSiret } from './siret';

describe('SIRET', () => {
  it('accepts real SIRETs and derives their VAT number', () => {
    expect(isValidSiret('44306184100047')).toBe(true); // Google France, Paris
    expect(frenchVatNumber('44306184100047')).toBe('FR64443061841'); // as the VIES register shows it
    expect(isValidSiret('55208131766522')).toBe(true); // EDF head office
    expect(frenchVatNumber('55208131766522')).toBe('FR03552081317');
  });

  it('accepts La Poste establishments by their digit sum, which fails the Luhn check', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office: passes Luhn too
    expect(isValidSiret('35600000049837')).toBe(true); // digit sum 45, Luhn fails
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it.each(['44306184100048', '4430618410004', '443061841000477', '4430618410004A', '', '00000000000000x'])(
    'rejects %j',
    (siret) => expect(isValidSiret(siret)).toBe(false),
  );

  it('rejects a SIRET whose SIREN fails its own check although the 14 digits pass', () => {
    // 44306184200003: SIREN 443061842 is invalid; the whole number was chosen to pass Luhn.
    expect(isValidSiret('44306184200003')).toBe(false);
  });

  it('removes the spaces and dots people type', () => {
    expect(normalizeSiret('443 061 841 00047')).toBe('44306184100047');
  });
});
