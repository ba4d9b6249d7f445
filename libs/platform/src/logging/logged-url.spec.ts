import { loggedUrl } from './logging.module';

describe('loggedUrl', () => {
  it.each([
    [
      '/exports/1f0c/download?expires=1700000000000&signature=Zm9vYmFy',
      '/exports/1f0c/download?expires=1700000000000&signature=[redacted]',
    ],
    ['/reinitialiser-mot-de-passe?token=abc.def', '/reinitialiser-mot-de-passe?token=[redacted]'],
    ['/invitation?invitationToken=x&next=%2Fproducteur', '/invitation?invitationToken=[redacted]&next=%2Fproducteur'],
    ['/connexion?redirectTo=%2Fpanier&Sig=1', '/connexion?redirectTo=%2Fpanier&Sig=[redacted]'],
    ['/produits?q=comt%C3%A9&page=2', '/produits?q=comt%C3%A9&page=2'],
    ['/health/ready', '/health/ready'],
    ['/a?flag&token', '/a?flag&token'],
  ])('logs %s as %s', (url, logged) => {
    expect(loggedUrl(url)).toBe(logged);
  });
});
