import type { Route } from './+types/invoice-pdf';
import { graphql } from '../graphql';
import { ApiError, apiQuery } from '../lib/api.server';
import { fetchApiFile } from '../lib/downloads.server';
import { requireSignIn } from '../lib/require-sign-in.server';
import { callerOf } from '../lib/session.server';

const ORDER_INVOICES = graphql(`
  query OrderInvoices($id: ID!) {
    order(id: $id) {
      id
      supplierOrders {
        invoice {
          id
          number
          pdfUrl
        }
      }
    }
  }
`);

const notFound = () =>
  new Response('Facture introuvable', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * `/commandes/:id/factures/:invoiceId`: the invoice of one producer's part of the order, as its PDF. Found among the
 * order's own parts (an invoice of another order answers 404), fetched from the API with the visitor's token.
 */
export async function loader({ url, params, context }: Route.LoaderArgs) {
  requireSignIn(url, context);
  const caller = callerOf(context);
  const order = await apiQuery(caller, ORDER_INVOICES, { id: params.id })
    .then((result) => result.order)
    .catch((error: unknown) => {
      if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT')) return null;
      throw error;
    });
  const invoice = order?.supplierOrders
    .map((part) => part.invoice)
    .find((candidate) => candidate?.id === params.invoiceId);
  if (!invoice) return notFound();
  return (await fetchApiFile(caller, invoice.pdfUrl, `${invoice.number}.pdf`)) ?? notFound();
}
