import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { AuthService, type Organization, OrganizationService } from '@app/identity';
import type { SupplierOrderSnapshot } from '@app/ordering';
import type { InvoiceDraft, InvoiceParty } from './invoice-draft';

/** Invoice drafts of supplier orders: the parties as the identity context knows them now, the money as ordered. */
@Injectable()
export class InvoiceDrafts {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly auth: AuthService,
  ) {}

  async of(em: EntityManager, snapshots: SupplierOrderSnapshot[]): Promise<InvoiceDraft[]> {
    if (snapshots.length === 0) return [];
    const organizationIds = snapshots.flatMap((snapshot) => [
      snapshot.producerId,
      ...(snapshot.buyerOrganizationId ? [snapshot.buyerOrganizationId] : []),
    ]);
    const organizations = new Map(
      (await this.organizations.findByIds(organizationIds)).map((organization) => [organization.id, organization]),
    );
    const buyers = new Map(
      (await this.auth.findUsersByIds(snapshots.map((snapshot) => snapshot.buyerUserId))).map((user) => [
        user.id,
        user,
      ]),
    );
    return snapshots.map((snapshot) => {
      const buyerOrganization = snapshot.buyerOrganizationId
        ? organizations.get(snapshot.buyerOrganizationId)
        : undefined;
      const buyer = buyerOrganization
        ? partyOf(buyerOrganization, snapshot.buyerUserId)
        : consumerParty(snapshot, buyers.get(snapshot.buyerUserId)?.displayName ?? '');
      const producer = organizations.get(snapshot.producerId)!;
      const seller = partyOf(producer);
      // Paid by transfer: the account the buyer pays, as the producer gave it when the invoice is issued.
      if (snapshot.paymentMethod === 'INVOICE' && producer.iban)
        seller.bankAccount = { iban: producer.iban, bic: producer.bic ?? null };
      return invoiceDraftOf(snapshot, seller, buyer);
    });
  }
}

function partyOf(organization: Organization, userId: string | null = null): InvoiceParty {
  const { address } = organization;
  return {
    organizationId: organization.id,
    userId,
    name: organization.name,
    siret: organization.siret ?? null,
    vatNumber: organization.vatNumber ?? null,
    address: { line1: address.line1, postalCode: address.postalCode, city: address.city ?? '' },
  };
}

function consumerParty(snapshot: SupplierOrderSnapshot, name: string): InvoiceParty {
  return {
    organizationId: null,
    userId: snapshot.buyerUserId,
    name,
    siret: null,
    vatNumber: null,
    address: snapshot.deliveryAddress,
  };
}

/** The supplier order as the invoice shows it: its goods, then its delivery fee as one "Livraison" line per VAT rate. */
export function invoiceDraftOf(
  snapshot: SupplierOrderSnapshot,
  seller: InvoiceParty,
  buyer: InvoiceParty,
): InvoiceDraft {
  const feeLines = snapshot.feeByRate.map((fee) => ({
    name: 'Livraison',
    unit: 'PIECE' as const,
    quantityThousandths: 1000,
    unitPriceCents: fee.totalCents,
    vatRateBasisPoints: fee.vatRateBasisPoints,
    totalCents: fee.totalCents,
  }));
  return {
    supplierOrderId: snapshot.supplierOrderId,
    orderId: snapshot.orderId,
    orderNumber: snapshot.orderNumber,
    seller,
    buyer,
    deliveryAddress: snapshot.deliveryAddress,
    deliveryDate: snapshot.deliveredAt,
    lines: [...snapshot.lines, ...feeLines],
    vatByRate: snapshot.vatByRate,
    subtotalCents: snapshot.subtotalCents,
    vatCents: snapshot.vatCents,
    totalCents: snapshot.totalCents,
    paymentMethod: snapshot.paymentMethod,
  };
}
