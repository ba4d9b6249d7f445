import type { EntityManager } from '@mikro-orm/sql';
import { CommuneCoordinates } from '../entities/commune-coordinates.entity';
import type { CommuneCentre } from './coordinates-file';

const CHUNK = 1000;

/** Writes the centres in one transaction, replacing earlier imports of the same communes: running twice is harmless. */
export async function saveCommuneCentres(em: EntityManager, centres: CommuneCentre[]): Promise<void> {
  await em.transactional(async (tx) => {
    const importedAt = new Date();
    for (let start = 0; start < centres.length; start += CHUNK) {
      const chunk = centres.slice(start, start + CHUNK).map((centre) => ({ ...centre, importedAt }));
      await tx.upsertMany(CommuneCoordinates, chunk, { onConflictFields: ['inseeCode'], onConflictAction: 'merge' });
    }
  });
}
