import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of INSEE's API Sirene 3.11 (`GET /siret/{siret}`), answering in its shape: `{ header, etablissement:
 * { siret, uniteLegale, adresseEtablissement, periodesEtablissement } }`, 404 for an unknown SIRET, 401 without the
 * subscription key (`X-INSEE-Api-Key-Integration`). Tests register the establishments it knows.
 */
export interface FakeEstablishment {
  legalName: string;
  active: boolean;
  /** SIRENE's address parts: number, street type and label, postal code, commune. */
  address: { number?: string; streetType?: string; street: string; postalCode: string; commune: string };
}

export interface FakeSirene {
  url: string;
  token: string;
  /** The SIRETs looked up, in order. */
  requests: string[];
  register(siret: string, establishment: FakeEstablishment): void;
  /** The next lookups answer this HTTP status (503, 429…) instead, `times` times. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

export async function startFakeSirene(token = 'fake-sirene-key-0123'): Promise<FakeSirene> {
  const establishments = new Map<string, FakeEstablishment>();
  const requests: string[] = [];
  const faults: number[] = [];
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    const match = /^\/siret\/(\d{14})$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match) return answer(404, { header: { statut: 404, message: 'Not found' } });
    if (request.headers['x-insee-api-key-integration'] !== token)
      return answer(401, { header: { statut: 401, message: 'Invalid API key' } });
    const siret = match[1];
    requests.push(siret);
    const fault = faults.shift();
    if (fault) return answer(fault, { header: { statut: fault, message: 'Service indisponible' } });
    const known = establishments.get(siret);
    if (!known) return answer(404, { header: { statut: 404, message: `Aucun élément trouvé pour le siret ${siret}` } });
    answer(200, {
      header: { statut: 200, message: 'ok' },
      etablissement: {
        siren: siret.slice(0, 9),
        nic: siret.slice(9),
        siret,
        statutDiffusionEtablissement: 'O',
        uniteLegale: {
          etatAdministratifUniteLegale: known.active ? 'A' : 'C',
          denominationUniteLegale: known.legalName,
          categorieJuridiqueUniteLegale: '6598',
        },
        adresseEtablissement: {
          complementAdresseEtablissement: null,
          numeroVoieEtablissement: known.address.number ?? null,
          indiceRepetitionEtablissement: null,
          typeVoieEtablissement: known.address.streetType ?? null,
          libelleVoieEtablissement: known.address.street,
          codePostalEtablissement: known.address.postalCode,
          libelleCommuneEtablissement: known.address.commune,
        },
        periodesEtablissement: [
          { dateFin: null, dateDebut: '2020-01-01', etatAdministratifEtablissement: known.active ? 'A' : 'F' },
          { dateFin: '2019-12-31', dateDebut: '2010-01-01', etatAdministratifEtablissement: 'A' },
        ],
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    register: (siret, establishment) => void establishments.set(siret, establishment),
    failNext: (status, times = 1) => faults.push(...Array.from({ length: times }, () => status)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
