import { formatIban, ibanProblem, isValidBic, isValidIban, normalizeBic, normalizeIban } from './bank-account';

describe('IBAN (ISO 13616)', () => {
  it.each([
    'FR7630006000011234567890189', // the French banks' own example (Crédit Agricole's format)
    'FR1420041010050500013M02606', // La Banque Postale, with a letter in the account number
    'DE89370400440532013000',
    'GB29NWBK60161331926819',
    'BE68539007547034',
  ])('accepts %s', (iban) => expect(ibanProblem(iban)).toBeNull());

  it('normalises what people paste: spaces, dashes, lower case', () => {
    expect(normalizeIban(' fr76 3000 6000 0112-3456 7890 189 ')).toBe('FR7630006000011234567890189');
    expect(isValidIban(normalizeIban('fr76 3000 6000 0112 3456 7890 189'))).toBe(true);
  });

  it('refuses a wrong check digit, and a typo in the account number', () => {
    expect(ibanProblem('FR7730006000011234567890189')).toMatch(/check digits do not match/);
    expect(ibanProblem('FR7630006000011234567890198')).toMatch(/check digits do not match/); // two digits swapped
    expect(ibanProblem('DE89370400440532013001')).toMatch(/check digits do not match/);
  });

  it('refuses a French IBAN that is not 27 characters long, even if its digits happen to check', () => {
    expect(ibanProblem('FR763000600001123456789018')).toBe('An IBAN of FR has 27 characters (this one has 26).');
    expect(ibanProblem('DE8937040044053201300')).toMatch(/22 characters/);
  });

  it.each(['', '76FR30006000011234567890189', 'FRXX30006000011234567890189', 'FR76300060000112345678901*9', 'FR76'])(
    'refuses the shape %j',
    (iban) => expect(ibanProblem(iban)).toMatch(/country code/),
  );

  it('prints it in groups of 4', () => {
    expect(formatIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
});

describe('BIC (ISO 9362)', () => {
  it.each(['BNPAFRPP', 'AGRIFRPP839', 'SOGEFRPPXXX', 'PSSTFRPPSCE', 'DEUTDEFF'])('accepts %s', (bic) =>
    expect(isValidBic(bic)).toBe(true),
  );
  it.each(['', 'BNPAFRP', 'BNPAFRPP8', 'BNPAFRPP83', 'BNP1FRPP', 'BNPA12PP', 'BNPAFRPP8390'])('refuses %j', (bic) =>
    expect(isValidBic(bic)).toBe(false),
  );
  it('normalises spaces and case', () => expect(normalizeBic(' agri frpp 839')).toBe('AGRIFRPP839'));
});
