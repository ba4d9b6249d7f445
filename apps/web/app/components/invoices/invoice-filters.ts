import type { FormError } from '../../lib/api-error';

/** The invoice statuses as the pages name them in their addresses (`?statut=`), in the filter's order. */
export const STATUS_FILTERS = [
  { slug: 'a-payer', status: 'ISSUED', label: 'À payer' },
  { slug: 'en-retard', status: 'OVERDUE', label: 'En retard' },
  { slug: 'payees', status: 'PAID', label: 'Payées' },
  { slug: 'annulees', status: 'CANCELLED', label: 'Annulées' },
] as const;

export type InvoiceStatus = (typeof STATUS_FILTERS)[number]['status'];

export interface InvoiceFilters {
  /** `?statut=`, as written; empty for every status. */
  statusSlug: string;
  status: InvoiceStatus | null;
  /** `?du=` and `?au=`: YYYY-MM-DD, Paris issue dates, either may be empty. */
  from: string;
  to: string;
  /** `?apres=`: the cursor of the page to show. */
  after: string | null;
  /** A filter the API cannot be asked: shown next to its field. */
  error: FormError | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) =>
  DAY.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The list's filters from the page's address. The fields are named as the API names them, for its errors. */
export function invoiceFiltersOf(params: URLSearchParams): InvoiceFilters {
  const statusSlug = params.get('statut') ?? '';
  const status = STATUS_FILTERS.find((filter) => filter.slug === statusSlug)?.status ?? null;
  const from = params.get('du')?.trim() ?? '';
  const to = params.get('au')?.trim() ?? '';
  const bad = (field: string, message: string): FormError => ({ code: 'BAD_USER_INPUT', field, message });
  let error: FormError | null = null;
  if (statusSlug && !status) error = bad('status', 'Choisissez un statut de la liste.');
  else if (from && !isDay(from)) error = bad('from', 'Saisissez une date, par exemple 2026-11-01.');
  else if (to && !isDay(to)) error = bad('to', 'Saisissez une date, par exemple 2026-11-30.');
  else if (from && to && to < from) error = bad('to', 'La période se termine avant de commencer.');
  return { statusSlug, status, from, to, after: params.get('apres') || null, error };
}

/** The address of the same list with other parameters (`null` removes one); the page shown starts again at the first. */
export function listSearch(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  next.delete('apres');
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
  }
  const search = next.toString();
  return search ? `?${search}` : '?';
}

/** Today in Paris, YYYY-MM-DD: the day a payment recorded now arrived, unless told otherwise. */
export const parisToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
