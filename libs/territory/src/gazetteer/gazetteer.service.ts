import { Injectable } from '@nestjs/common';
import { CommuneCoordinates } from '../entities/commune-coordinates.entity';
import { Gazetteer } from './gazetteer';
import { UnitOfWork } from '@app/platform';

let shared: Gazetteer | undefined;

/** The gazetteer, loaded once per process (≈ 35,000 communes), and the imported commune coordinates. */
@Injectable()
export class GazetteerService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  get gazetteer(): Gazetteer {
    shared ??= Gazetteer.load();
    return shared;
  }

  /** The imported coordinates of these communes, by INSEE code, in one query. */
  async coordinatesOf(inseeCodes: readonly string[]): Promise<Map<string, { latitude: number; longitude: number }>> {
    const rows = inseeCodes.length
      ? await this.unitOfWork.em.find(CommuneCoordinates, { inseeCode: [...new Set(inseeCodes)] })
      : [];
    return new Map(rows.map((row) => [row.inseeCode, { latitude: row.latitude, longitude: row.longitude }]));
  }
}
