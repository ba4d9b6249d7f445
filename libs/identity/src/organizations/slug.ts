/**
 * Readable, stable addresses for organizations and products: "Comté AOP 18 mois" → `comte-aop-18-mois`. A slug is
 * given once, when the object is created, and never changes afterwards (a rename keeps it), so shared links and
 * search engines' entries stay valid; a name already taken gets the first free suffix (`-2`, `-3`…).
 */
export const SLUG_MAX_LENGTH = 100;

export function slugify(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH - 4)
    .replace(/-+$/g, '');
  return slug || 'sans-nom';
}

/** The base itself when free, else the base with the first free numeric suffix. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether `text` has the shape of a slug (lookups of anything else answer nothing without a query). */
export function isSlug(text: string): boolean {
  return text.length <= SLUG_MAX_LENGTH && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text);
}

/**
 * A free slug for `name` among the rows of `table` (column `slug`), read with `query` (one query: the base and its
 * suffixed forms). The unique index stays the last word: a concurrent insert of the same slug fails and is retried.
 */
export async function freeSlug(name: string, takenLike: (base: string) => Promise<string[]>): Promise<string> {
  const base = slugify(name);
  return firstFreeSlug(base, new Set(await takenLike(base)));
}
