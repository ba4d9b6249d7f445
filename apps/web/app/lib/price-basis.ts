import { useRouteLoaderData } from 'react-router';
import type { RootData } from '../root';
import type { PriceBasis } from './format';

/** Prices excluding VAT for a member of a business (who buys as one), including VAT for anyone else (format.ts). */
export const priceBasisOf = (viewer: RootData['viewer'] | undefined): PriceBasis =>
  viewer?.memberships.some((membership) => membership.organization.kind === 'BUSINESS') ? 'HT' : 'TTC';

/** The signed-in viewer's price basis, from the root loader's viewer. */
export const usePriceBasis = (): PriceBasis => priceBasisOf(useRouteLoaderData<RootData>('root')?.viewer);
