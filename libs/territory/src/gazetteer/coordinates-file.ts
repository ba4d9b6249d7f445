import { parse } from 'csv-parse/sync';
import type { Gazetteer } from './gazetteer';

/** The usual names of the columns in the data.gouv.fr commune files and their derivatives. */
const INSEE_COLUMNS = ['insee', 'code_insee', 'insee_com', 'code_commune_insee', 'codgeo', 'code_commune'];
const LATITUDE_COLUMNS = ['latitude', 'lat', 'latitude_centre', 'centre_lat'];
const LONGITUDE_COLUMNS = ['longitude', 'lon', 'lng', 'longitude_centre', 'centre_lon'];

export interface CommuneCentre {
  inseeCode: string;
  latitude: number;
  longitude: number;
}

export interface CoordinatesFile {
  centres: CommuneCentre[];
  rowCount: number;
  /** Codes of the file that name no commune, current or former. */
  unmatchedCodes: string[];
  /** Rows whose coordinates are missing or not numbers. */
  invalidRows: number;
}

export class CoordinatesFileError extends Error {
  override name = 'CoordinatesFileError';
}

function findColumn(headers: string[], candidates: string[], what: string): string {
  const found = headers.find((header) => candidates.includes(header.trim().toLowerCase()));
  if (!found) throw new CoordinatesFileError(`The file has no ${what} column (looked for: ${candidates.join(', ')}).`);
  return found;
}

const decimal = (value: string | undefined) =>
  Number(
    String(value ?? '')
      .trim()
      .replace(',', '.'),
  );

/**
 * Reads a CSV of commune coordinates (`,` or `;` separated, decimal point or comma, with a header row). Each commune keeps its first row;
 * a former code counts for the commune that replaced it unless that commune has a row of its own.
 */
export function readCoordinatesFile(text: string, gazetteer: Gazetteer): CoordinatesFile {
  const content = text.replace(/^\uFEFF/, '');
  // French files often use ";" between columns and "," in decimals: the header line tells which.
  const delimiter = content.slice(0, content.indexOf('\n')).includes(';') ? ';' : ',';
  const records = parse(content, {
    columns: true,
    skip_empty_lines: true,
    delimiter,
    trim: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const headers = Object.keys(records[0] ?? {});
  if (headers.length === 0) throw new CoordinatesFileError('The file is empty or has no header row.');
  const inseeColumn = findColumn(headers, INSEE_COLUMNS, 'INSEE code');
  const latitudeColumn = findColumn(headers, LATITUDE_COLUMNS, 'latitude');
  const longitudeColumn = findColumn(headers, LONGITUDE_COLUMNS, 'longitude');

  const own = new Map<string, CommuneCentre>();
  const inherited = new Map<string, CommuneCentre>();
  const unmatched = new Set<string>();
  let invalidRows = 0;
  for (const record of records) {
    const code = record[inseeColumn].toUpperCase().padStart(5, '0');
    const latitude = decimal(record[latitudeColumn]);
    const longitude = decimal(record[longitudeColumn]);
    if (
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180 ||
      !record[latitudeColumn]
    ) {
      invalidRows++;
      continue;
    }
    const commune = gazetteer.commune(code);
    if (!commune) {
      unmatched.add(code);
      continue;
    }
    const target = commune.inseeCode === code ? own : inherited;
    if (!target.has(commune.inseeCode))
      target.set(commune.inseeCode, { inseeCode: commune.inseeCode, latitude, longitude });
  }
  for (const [code, centre] of inherited) if (!own.has(code)) own.set(code, centre);
  return { centres: [...own.values()], rowCount: records.length, unmatchedCodes: [...unmatched].sort(), invalidRows };
}
