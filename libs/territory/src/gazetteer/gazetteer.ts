import departmentGeography from './data/department-geography.json';

/** A commune of the official geographic code (INSEE), as @etalab/decoupage-administratif publishes it. */
export interface CommuneRecord {
  inseeCode: string;
  name: string;
  postalCodes: string[];
  departmentCode: string;
  regionCode: string;
  population: number;
}

export interface DepartmentRecord {
  code: string;
  name: string;
  regionCode: string;
  centroid: { latitude: number; longitude: number } | undefined;
}

interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}

interface RawDepartment {
  code: string;
  nom: string;
  region: string;
}

/** Lower case, no accents, punctuation as spaces, "St"/"Ste" spelled out: how people and files write names. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^ste /, 'sainte ')
    .replace(/^st /, 'saint ')
    .replace(/ ste /g, ' sainte ')
    .replace(/ st /g, ' saint ');
}

const geography = departmentGeography.departments as Record<
  string,
  {
    centroid: { latitude: number; longitude: number };
    box: { south: number; north: number; west: number; east: number };
  }
>;

/**
 * The French communes, départements and régions, in memory: current communes (and Paris, Lyon, Marseille's
 * arrondissements), with old and delegated codes leading to the commune that replaced them.
 */
export class Gazetteer {
  private readonly communes = new Map<string, CommuneRecord>();
  /** Old codes (merged communes) and delegated or associated communes → the current commune's code. */
  private readonly successors = new Map<string, string>();
  private readonly byPostalCode = new Map<string, CommuneRecord[]>();
  private readonly searchable: { normalized: string; commune: CommuneRecord }[] = [];
  private readonly departments = new Map<string, DepartmentRecord>();

  constructor(rawCommunes: RawCommune[], rawDepartments: RawDepartment[]) {
    for (const raw of rawDepartments) {
      this.departments.set(raw.code, {
        code: raw.code,
        name: raw.nom,
        regionCode: raw.region,
        centroid: geography[raw.code]?.centroid,
      });
    }
    for (const raw of rawCommunes) {
      if (raw.type === 'commune-actuelle' || raw.type === 'arrondissement-municipal') {
        const commune: CommuneRecord = {
          inseeCode: raw.code,
          name: raw.nom,
          postalCodes: raw.codesPostaux ?? [],
          departmentCode: raw.departement,
          regionCode: raw.region,
          population: raw.population ?? 0,
        };
        this.communes.set(raw.code, commune);
        for (const postalCode of commune.postalCodes) {
          const list = this.byPostalCode.get(postalCode) ?? [];
          list.push(commune);
          this.byPostalCode.set(postalCode, list);
        }
        this.searchable.push({ normalized: normalizeName(raw.nom), commune });
        for (const old of raw.anciensCodes ?? []) if (old !== raw.code) this.successors.set(old, raw.code);
      } else if (raw.chefLieu && raw.chefLieu !== raw.code) {
        this.successors.set(raw.code, raw.chefLieu);
      }
    }
    this.searchable.sort((a, b) => b.commune.population - a.commune.population);
  }

  static load(): Gazetteer {
    // The package's index.js is broken when required; its JSON data files are the stable interface.
    return new Gazetteer(
      require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[],
      require('@etalab/decoupage-administratif/data/departements.json') as RawDepartment[],
    );
  }

  /** The current commune for a code, following merges (`anciensCodes`) and delegated communes. */
  commune(inseeCode: string): CommuneRecord | undefined {
    const code = inseeCode.trim().toUpperCase();
    return this.communes.get(code) ?? this.communes.get(this.successors.get(code) ?? '');
  }

  communesWithPostalCode(postalCode: string): CommuneRecord[] {
    return this.byPostalCode.get(postalCode) ?? [];
  }

  /** By name, accents and case ignored: exact names first, then names starting so, then containing; larger first. */
  search(text: string, limit: number): CommuneRecord[] {
    const wanted = normalizeName(text);
    if (!wanted) return [];
    const exact: CommuneRecord[] = [];
    const prefix: CommuneRecord[] = [];
    const inside: CommuneRecord[] = [];
    for (const { normalized, commune } of this.searchable) {
      if (normalized === wanted) exact.push(commune);
      else if (normalized.startsWith(wanted)) prefix.push(commune);
      else if (normalized.includes(wanted)) inside.push(commune);
      if (exact.length >= limit) break;
    }
    return [...exact, ...prefix, ...inside].slice(0, limit);
  }

  department(code: string): DepartmentRecord | undefined {
    return this.departments.get(code);
  }

  /** Whether a point lies in France, overseas départements included (within a département's box). */
  isInFrance(latitude: number, longitude: number): boolean {
    return Object.values(geography).some(
      ({ box }) => latitude >= box.south && latitude <= box.north && longitude >= box.west && longitude <= box.east,
    );
  }
}
