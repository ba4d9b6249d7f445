import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import { type SireneCheck, SireneOutcome } from '../entities/organization.entity';

/** The part of API Sirene 3.11's `GET /siret/{siret}` answer we read (INSEE's field names). */
interface SireneEstablishmentResponse {
  etablissement?: {
    siret?: string;
    uniteLegale?: {
      denominationUniteLegale?: string | null;
      nomUniteLegale?: string | null;
      prenomUsuelUniteLegale?: string | null;
      etatAdministratifUniteLegale?: string | null;
    };
    adresseEtablissement?: {
      numeroVoieEtablissement?: string | null;
      indiceRepetitionEtablissement?: string | null;
      typeVoieEtablissement?: string | null;
      libelleVoieEtablissement?: string | null;
      complementAdresseEtablissement?: string | null;
      codePostalEtablissement?: string | null;
      libelleCommuneEtablissement?: string | null;
    };
    /** Its history, the current period first (dateFin null); `A` active, `F` closed (fermé). */
    periodesEtablissement?: { dateFin?: string | null; etatAdministratifEtablissement?: string | null }[];
  };
}

const LOOKUP_TIMEOUT_MS = 10_000;

/**
 * The registered name of an establishment's legal unit: its company name, or for a sole trader (an individual
 * farmer, often) the person's first and last names.
 */
export function legalNameOf(
  unit: NonNullable<SireneEstablishmentResponse['etablissement']>['uniteLegale'],
): string | null {
  if (unit?.denominationUniteLegale) return unit.denominationUniteLegale;
  const person = [unit?.prenomUsuelUniteLegale, unit?.nomUniteLegale].filter(Boolean).join(' ');
  return person || null;
}

/** The establishment's address as one line, in SIRENE's words (abbreviated street types such as RTE, capitals). */
export function addressLineOf(
  address: NonNullable<SireneEstablishmentResponse['etablissement']>['adresseEtablissement'],
): string | null {
  if (!address) return null;
  const street = [
    address.numeroVoieEtablissement,
    address.indiceRepetitionEtablissement,
    address.typeVoieEtablissement,
    address.libelleVoieEtablissement,
  ]
    .filter(Boolean)
    .join(' ');
  const town = [address.codePostalEtablissement, address.libelleCommuneEtablissement].filter(Boolean).join(' ');
  const line = [address.complementAdresseEtablissement, street, town].filter(Boolean).join(', ');
  return line || null;
}

/** What API Sirene's answer says of the SIRET, as kept on the organization for the admin. */
export function sireneCheckOf(status: number, body: unknown, checkedAt: Date): SireneCheck {
  const at = checkedAt.toISOString();
  if (status === 404) return { checkedAt: at, outcome: SireneOutcome.NOT_FOUND };
  const establishment = (body as SireneEstablishmentResponse | null)?.etablissement;
  if (status !== 200 || !establishment)
    return { checkedAt: at, outcome: SireneOutcome.UNAVAILABLE, error: `HTTP ${status}` };
  const current =
    establishment.periodesEtablissement?.find((period) => !period.dateFin) ?? establishment.periodesEtablissement?.[0];
  return {
    checkedAt: at,
    outcome: SireneOutcome.FOUND,
    active: current?.etatAdministratifEtablissement === 'A',
    legalName: legalNameOf(establishment.uniteLegale),
    address: addressLineOf(establishment.adresseEtablissement),
  };
}

/**
 * The SIRENE directory (INSEE's API Sirene 3.11): who an establishment is, whether it is active, where it is. Used
 * when SIRENE_API_URL and SIRENE_API_TOKEN are set; otherwise `configured` is false and admins decide without it.
 */
@Injectable()
export class SireneDirectory {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.sirene);
  }

  /**
   * Looks the SIRET up. A definite answer (found, or 404) is returned; a failure to get one (network, 5xx, 429)
   * throws, so that the job retries it.
   */
  async lookUp(siret: string): Promise<SireneCheck> {
    const sirene = this.config.sirene;
    if (!sirene) throw new Error('SIRENE_API_URL is not set');
    const response = await fetch(`${sirene.apiUrl}/siret/${encodeURIComponent(siret)}`, {
      headers: { Accept: 'application/json', 'X-INSEE-Api-Key-Integration': sirene.token },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    const body: unknown = response.headers.get('content-type')?.includes('json')
      ? await response.json().catch(() => null)
      : await response.text().then(() => null);
    if (response.status === 429 || response.status >= 500)
      throw new Error(`SIRENE answered HTTP ${response.status} for a lookup`);
    return sireneCheckOf(response.status, body, new Date());
  }
}
