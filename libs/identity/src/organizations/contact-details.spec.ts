import { AppError } from '@app/platform';
import { checkedContact, normalizeFrenchPhone } from './contact-details';

describe("an organization's phone number", () => {
  it.each([
    '05 55 52 14 29',
    '0555521429',
    '05.55.52.14.29',
    '05-55-52-14-29',
    '+33 5 55 52 14 29',
    '+33555521429',
    '+33 (0)5 55 52 14 29',
    '0033 5 55 52 14 29',
    ' 05 55 52 14 29 ',
  ])('reads %j as +33555521429', (typed) => expect(normalizeFrenchPhone(typed)).toBe('+33555521429'));

  it('keeps mobiles and the numbers reserved for fiction', () => {
    expect(normalizeFrenchPhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizeFrenchPhone('01 99 00 01 01')).toBe('+33199000101');
  });

  it.each([
    '',
    '05 55 52 14 2', // 9 digits
    '05 55 52 14 290', // 11 digits
    '5 55 52 14 29', // no leading 0
    '00 00 00 00 00', // 0 after the leading 0
    '+33 0 55 52 14 29',
    '+32 2 555 12 34', // Belgium
    '+44 20 7946 0958',
    '05 55 52 14 2a',
    'appelez-nous',
    '05 55 52 14 29 poste 12',
  ])('refuses %j', (typed) => expect(normalizeFrenchPhone(typed)).toBeNull());
});

describe('checkedContact', () => {
  const refusal = (input: Parameters<typeof checkedContact>[0]) => {
    try {
      checkedContact(input);
    } catch (error) {
      return { field: (error as AppError).details?.field, code: (error as AppError).code };
    }
    return null;
  };

  it('normalises both, leaves out what the input leaves out', () => {
    expect(checkedContact({ phone: '05 55 52 14 29', contactEmail: ' Contact@Ferme.FR ' })).toEqual({
      phone: '+33555521429',
      contactEmail: 'contact@ferme.fr',
    });
    expect(checkedContact({})).toEqual({});
    expect(checkedContact({ phone: '0555521429' })).toEqual({ phone: '+33555521429' });
  });

  it('clears on an empty string or null', () => {
    expect(checkedContact({ phone: '', contactEmail: '  ' })).toEqual({ phone: null, contactEmail: null });
    expect(checkedContact({ phone: null, contactEmail: null })).toEqual({ phone: null, contactEmail: null });
  });

  it('refuses a bad phone on phone, a bad address on contactEmail', () => {
    expect(refusal({ phone: '05 55 52', contactEmail: 'contact@ferme.fr' })).toMatchObject({ field: 'phone' });
    expect(refusal({ phone: '0555521429', contactEmail: 'contact@ferme' })).toMatchObject({ field: 'contactEmail' });
    expect(refusal({ contactEmail: 'contact ferme@ferme.fr' })).toMatchObject({ field: 'contactEmail' });
  });
});
