import type { Route } from './+types/invoice-file';
import { fetchApiFile } from '../lib/downloads.server';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The files of an invoice or a credit note, as the API serves them (`pdfUrl`, `facturXUrl`). */
const FILES: Record<string, { api: string; extension: string }> = {
  pdf: { api: 'pdf', extension: 'pdf' },
  'factur-x': { api: 'factur-x', extension: 'pdf' },
};

const notFound = () =>
  new Response('Document introuvable', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `/factures/:id/pdf`, `/factures/:id/factur-x`, `/avoirs/:id/pdf`, `/avoirs/:id/factur-x`: an invoice's or a credit
 * note's file for the invoice pages (`/producteur/factures`, `/pro/factures`), fetched from the API
 * (`/invoices/:id/…`, `/credit-notes/:id/…`) with the visitor's token. The API alone decides who may read it (the
 * seller's and the buyer's members) and answers 404 to anyone else, as this route does.
 */
export async function loader({ url, params, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const file = FILES[params.fichier];
  if (!file || !UUID.test(params.id)) return notFound();
  const creditNote = url.pathname.startsWith('/avoirs/');
  const path = `/${creditNote ? 'credit-notes' : 'invoices'}/${params.id}/${file.api}`;
  return (
    (await fetchApiFile(callerOf(context), path, `${creditNote ? 'avoir' : 'facture'}.${file.extension}`)) ?? notFound()
  );
}
