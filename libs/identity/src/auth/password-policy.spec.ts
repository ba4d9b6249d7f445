import { passwordProblem } from './password-policy';

describe('passwordProblem (AUTH-02)', () => {
  it.each([
    ['7 characters', 'abcdefg', 'at least 8 characters'],
    ['1,025 bytes', 'é'.repeat(512) + 'x', 'must not exceed 1024 bytes'],
    ['a top-3000 password', 'password1', 'most common'],
    ['a common password in capitals', 'AZERTYUIOP', 'most common'],
    ['a common French password', 'motdepasse', 'most common'],
  ])('refuses %s', (_case, password, reason) => {
    expect(passwordProblem(password)).toContain(reason);
  });

  it.each([
    ['8 characters', 'vq8#Lm2x'],
    ['64 characters', 'a quiet orchard in the Jura hills, cows grazing by the river Ain'],
    ['200 characters', 'plateau-du-jura-'.repeat(12) + 'comté-28m'],
    ['emoji and spaces', 'mon fromage 🧀 préféré du Haut-Doubs'],
    ['exactly 1,024 bytes', 'é'.repeat(512)],
  ])('accepts %s, with no composition rule', (_case, password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it('refuses the e-mail address or its local part', () => {
    expect(passwordProblem('claire.martin@ferme.fr', 'claire.martin@ferme.fr')).toContain('e-mail');
    expect(passwordProblem('Claire.Martin', 'claire.martin@ferme.fr')).toContain('e-mail');
  });
});
