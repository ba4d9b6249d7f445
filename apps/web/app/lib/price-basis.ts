import { useRouteLoaderData } from 'react-router';
import type { RootData } from '../root';
import type { PriceBasis } from './format';

/** Prices excluding VAT for a member of a business (who buys as one), including VAT for anyone else (format.ts). */
export const priceBasisOf = (viewer: RootData['viewer'] | undefined): PriceBasis =>
  viewer?.memberships.some((membership) => membership.organization.kind === 'BUSINESS') ? 'HT' : 'TTC';

/** The signed-in viewer's price basis, from the root loader's viewer. */
export const usePriceBasis = (): PriceBasis => priceBasisOf(useRouteLoaderData<RootData>('root')?.viewer);

/**
 * The price basis of a cart or an order, by who buys it: excluding VAT when a business does (B2B prices, VAT it
 * deducts), including VAT when a person does — a member of a business buying for themselves too, at consumer prices.
 * For anyone who has not chosen, the same as `priceBasisOf` (a member of a business buys for it by default).
 */
export const priceBasisOfBuyer = (buyerOrganizationId: string | null | undefined): PriceBasis =>
  buyerOrganizationId ? 'HT' : 'TTC';
