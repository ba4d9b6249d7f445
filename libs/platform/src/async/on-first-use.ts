/**
 * A value made the first time it is asked for, then kept. For heavy libraries a process may never need (exceljs,
 * pdfkit: 16 and 8 MB of a worker's memory): `const exceljs = onFirstUse(() => require('exceljs') as typeof import('exceljs'))`.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
