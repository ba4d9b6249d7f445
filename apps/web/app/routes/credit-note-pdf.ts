import type { Route } from './+types/credit-note-pdf';
import { graphql } from '../graphql';
import { ApiError, apiQuery } from '../lib/api.server';
import { fetchApiFile } from '../lib/downloads.server';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const ORDER_CREDIT_NOTES = graphql(`
  query OrderCreditNotes($id: ID!) {
    order(id: $id) {
      id
      supplierOrders {
        invoice {
          id
          creditNotes {
            id
            number
            pdfUrl
          }
        }
      }
    }
  }
`);

const notFound = () =>
  new Response('Avoir introuvable', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `/commandes/:id/avoirs/:creditNoteId`: a credit note of one of the order's invoices, as its PDF. Found among the
 * order's own invoices (another order's answers 404), fetched from the API with the visitor's token.
 */
export async function loader({ url, params, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const caller = callerOf(context);
  const order = await apiQuery(caller, ORDER_CREDIT_NOTES, { id: params.id })
    .then((result) => result.order)
    .catch((error: unknown) => {
      if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
      throw error;
    });
  const note = order?.supplierOrders
    .flatMap((part) => part.invoice?.creditNotes ?? [])
    .find((candidate) => candidate.id === params.creditNoteId);
  if (!note) return notFound();
  return (await fetchApiFile(caller, note.pdfUrl, `${note.number}.pdf`)) ?? notFound();
}
