/** A `?retour=` target kept on this site only (never an open redirect). */
export function safeReturnPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}
