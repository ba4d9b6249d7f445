/**
 * How much of a supplier order's credit notes comes off its goods, excluding VAT: what the credit notes took off its
 * invoice (`CreditNote.subtotalCents`, as issued), up to the goods. Spend and sales count the goods only (never the
 * delivery fee), and a credit note on a delivered part is for goods (damaged, missing, refused): the goods first, so
 * that « avoir de 6,16 € HT » takes 6,16 € off the spend; only what goes beyond them (a whole invoice credited, its
 * fee with it) is the fee's, which no figure counted. Within the goods, the credit is shared in proportion to their
 * spend (`splitProportionally`: whole cents adding up to it; a partial credit note names VAT rates, not lines), so a
 * wholly credited part gives each category, and its labelled goods, its whole spend back.
 */
export function creditedGoodsCents(creditedSubtotalCents: number, goodsCents: number): number {
  return Math.max(0, Math.min(creditedSubtotalCents, goodsCents));
}
