import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AppError, Public } from '@app/platform';
import { CommuneType } from '../dto/territory.types';
import { GazetteerService } from './gazetteer.service';

@Resolver(() => CommuneType)
export class CommuneResolver {
  constructor(private readonly gazetteers: GazetteerService) {}

  @Public()
  @Query(() => [CommuneType], { description: 'Communes by name (accents and case ignored) or by postal code.' })
  async communes(
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('postalCode', { type: () => String, nullable: true }) postalCode?: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
  ): Promise<CommuneType[]> {
    if (first < 1 || first > 100) throw AppError.badInput('first', 'first must be between 1 and 100.');
    if (!search?.trim() && !postalCode?.trim())
      throw AppError.badInput('search', 'Give a name to search for, or a postal code.');
    const { gazetteer } = this.gazetteers;
    let found = postalCode?.trim()
      ? gazetteer.communesWithPostalCode(postalCode.trim())
      : gazetteer.search(search!, first);
    if (postalCode?.trim() && search?.trim()) {
      const named = new Set(gazetteer.search(search, 1000).map((commune) => commune.inseeCode));
      found = found.filter((commune) => named.has(commune.inseeCode));
    }
    found = found.slice(0, first);
    const centres = await this.gazetteers.coordinatesOf(found.map((commune) => commune.inseeCode));
    return found.map((commune) => ({ ...commune, ...centres.get(commune.inseeCode) }));
  }
}
