import { graphql } from '../../graphql';

/** What the invoice pages show of an invoice (InvoiceViews' `InvoiceItem`): one selection for issued and received lists. */
export const INVOICE_LIST_ITEM = graphql(`
  fragment InvoiceListItem on Invoice @_unmask {
    id
    number
    sellerName
    buyerName
    issuedAt
    dueDate
    totalCents
    amountDueCents
    creditableCents
    status
    paidOn
    payeeIban
    payeeBic
    creditNotes {
      id
      number
      issuedAt
      totalCents
      reason
    }
  }
`);

/** A month of the list's totals (InvoiceViews' `MonthTotals`). */
export const INVOICE_MONTH_TOTALS = graphql(`
  fragment InvoiceMonthTotalsFields on InvoiceMonthTotals @_unmask {
    month
    invoiceCount
    totalCents
    paidCents
    refundedByBankCents
    dueCents
    overdueCents
    cancelledCents
    creditedCents
  }
`);

/**
 * A page of an invoice list with its monthly totals: what the issued and received lists ask alike. Each with the
 * dispute on the card payment that paid it: only the full lists hold card invoices (issued paid), never the lists of
 * unpaid ones, which leave it out.
 */
export const INVOICE_LIST_PAGE = graphql(
  `
    fragment InvoiceListPage on InvoiceConnection @_unmask {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...InvoiceListItem
          dispute {
            outcome
          }
        }
      }
      monthlyTotals {
        ...InvoiceMonthTotalsFields
      }
    }
  `,
  [INVOICE_LIST_ITEM, INVOICE_MONTH_TOTALS],
);
