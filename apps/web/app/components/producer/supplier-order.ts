import { graphql, type ResultOf } from '../../graphql';

/** What the producer's order card shows of a supplier order. */
export const SUPPLIER_ORDER_CARD_FIELDS = graphql(`
  fragment SupplierOrderCardFields on SupplierOrder @_unmask {
    id
    orderNumber
    status
    paymentStatus
    createdAt
    deliveredAt
    deliveryDate
    buyerOrganization {
      name
      phone
      contactEmail
    }
    deliveryAddress {
      line1
      postalCode
      city
    }
    deliveryOption {
      label
      mode
    }
    lines {
      productId
      name
      quantity
      unit
      totalCents
    }
    feeCents
    subtotalCents
    vatCents
    totalCents
    carbon {
      distanceKm
      distanceType
      emissionsKgCo2e
      methodVersion
    }
    history {
      toStatus
      reason
      at
    }
    dispute {
      outcome
      status
      shareCents
      partRefundedByBank
    }
  }
`);

export type SupplierOrderCardData = ResultOf<typeof SUPPLIER_ORDER_CARD_FIELDS>;

export type SupplierOrderStatus = SupplierOrderCardData['status'];

export type SupplierOrderPaymentStatus = SupplierOrderCardData['paymentStatus'];

/** Where the money of the part stands, as the producer reads it. */
export const PAYMENT_STATUS_LABELS: Record<SupplierOrderPaymentStatus, string> = {
  NOT_REQUIRED: 'Sur facture, après livraison',
  AWAITING: 'En attente du paiement par carte',
  PAID: 'Payée par carte',
  EXPIRED: 'Non payée à temps\u00a0: annulée, stock remis en vente',
  REFUNDED: 'Remboursée à l’acheteur',
};

/** The one step forward from each state, and the button that takes it. */
export const NEXT_STEP: Partial<Record<SupplierOrderStatus, { to: SupplierOrderStatus; label: string }>> = {
  PLACED: { to: 'CONFIRMED', label: 'Confirmer' },
  CONFIRMED: { to: 'READY', label: 'Marquer prête' },
  READY: { to: 'SHIPPED', label: 'Expédier' },
  SHIPPED: { to: 'DELIVERED', label: 'Marquer livrée' },
};

/** The producer may cancel before the order leaves (PRODUCT.md §2). */
export const CANCELLABLE: ReadonlySet<SupplierOrderStatus> = new Set(['PLACED', 'CONFIRMED', 'READY']);

const ALL_STATUSES: readonly SupplierOrderStatus[] = [
  'PLACED',
  'CONFIRMED',
  'READY',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
];

export const isSupplierOrderStatus = (value: unknown): value is SupplierOrderStatus =>
  ALL_STATUSES.includes(value as SupplierOrderStatus);
