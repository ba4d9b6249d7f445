import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error';
import { cursorParam, firstPageOnBadCursor, pageHref } from './page-cursor';

const refused = (field: string) => new ApiError('This cursor does not come from this list.', 'BAD_USER_INPUT', field);

/** The redirect a loader throws, as its target address (or the error itself when it is not one). */
async function outcome(reading: Promise<unknown>, address: string, names: string[]): Promise<unknown> {
  try {
    return await firstPageOnBadCursor(reading, new URL(address), names);
  } catch (thrown) {
    return thrown instanceof Response ? `redirect ${thrown.headers.get('Location')}` : thrown;
  }
}

describe('a list page’s cursor', () => {
  it('is read from its parameter, none when absent or blank', () => {
    const params = new URLSearchParams('q=miel&apres=abc&journal=%20');
    expect(cursorParam(params, 'apres')).toBe('abc');
    expect(cursorParam(params, 'journal')).toBeNull();
    expect(cursorParam(params, 'taches')).toBeNull();
  });

  it('moves one list to another page, the filters and the other lists’ pages kept; null is the first page', () => {
    const params = new URLSearchParams('q=Jura&type=BRAND&journal=j1&organisations=o1');
    expect(pageHref('/admin', params, { organisations: 'o2' })).toBe(
      '/admin?q=Jura&type=BRAND&journal=j1&organisations=o2',
    );
    expect(pageHref('/admin', params, { organisations: null, journal: null })).toBe('/admin?q=Jura&type=BRAND');
    expect(pageHref('/admin', new URLSearchParams('apres=c'), { apres: null })).toBe('/admin');
    expect(params.get('organisations')).toBe('o1'); // the address's own parameters are left alone
  });

  it('a cursor the API refuses gives the first page of the same list, the filters kept', async () => {
    expect(
      await outcome(Promise.reject(refused('after')), 'http://x/admin?q=Jura&organisations=bad&journal=j1', [
        'comptes',
        'organisations',
      ]),
    ).toBe('redirect /admin?q=Jura&journal=j1');
  });

  it('anything else goes on: the answer, another refusal, a refusal with no cursor given', async () => {
    expect(await outcome(Promise.resolve('page'), 'http://x/admin?apres=c', ['apres'])).toBe('page');
    const search = refused('search');
    expect(await outcome(Promise.reject(search), 'http://x/admin?q=x&apres=c', ['apres'])).toBe(search);
    const noCursor = refused('after');
    expect(await outcome(Promise.reject(noCursor), 'http://x/admin?q=x&journal=j', ['apres'])).toBe(noCursor);
  });
});
