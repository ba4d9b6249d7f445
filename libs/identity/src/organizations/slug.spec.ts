import { firstFreeSlug, isSlug, slugify } from './slug';

describe('slugs', () => {
  it('folds French accents and punctuation into lower-case words joined by hyphens', () => {
    expect(slugify('Comté AOP 18 mois')).toBe('comte-aop-18-mois');
    expect(slugify("  L'Œuf de la Ferme — Gîte & Crème ! ")).toBe('l-oeuf-de-la-ferme-gite-creme');
    expect(slugify('Fromagerie Émile')).toBe('fromagerie-emile');
  });

  it('gives a name with no letter or digit a slug all the same', () => {
    expect(slugify('!!!')).toBe('sans-nom');
  });

  it('keeps long names short enough for a suffix', () => {
    const slug = slugify('a'.repeat(300));
    expect(slug.length).toBeLessThanOrEqual(96);
    expect(isSlug(`${slug}-12`)).toBe(true);
  });

  it('suffixes a slug already taken with the first free number', () => {
    expect(firstFreeSlug('comte', new Set())).toBe('comte');
    expect(firstFreeSlug('comte', new Set(['comte']))).toBe('comte-2');
    expect(firstFreeSlug('comte', new Set(['comte', 'comte-2', 'comte-4']))).toBe('comte-3');
  });

  it('tells a slug from anything else', () => {
    expect(isSlug('comte-aop-18-mois')).toBe(true);
    expect(isSlug('Comté')).toBe(false);
    expect(isSlug("x' or 1=1")).toBe(false);
  });
});
