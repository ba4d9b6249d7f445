import { SireneOutcome } from '../entities/organization.entity';
import { sireneCheckOf } from './sirene-directory';

const AT = new Date('2026-12-05T08:00:00Z');

/** API Sirene 3.11's `GET /siret/{siret}` answer, as INSEE shapes it (only the fields read, plus a few around them). */
const answer = (overrides: Record<string, unknown> = {}) => ({
  header: { statut: 200, message: 'ok' },
  etablissement: {
    siren: '412345678',
    siret: '41234567800012',
    uniteLegale: { denominationUniteLegale: 'EARL DU GUE', etatAdministratifUniteLegale: 'A' },
    adresseEtablissement: {
      complementAdresseEtablissement: 'LIEU DIT LE GUE',
      numeroVoieEtablissement: '4',
      indiceRepetitionEtablissement: 'B',
      typeVoieEtablissement: 'RTE',
      libelleVoieEtablissement: 'DE LA FERME',
      codePostalEtablissement: '23000',
      libelleCommuneEtablissement: 'GUERET',
    },
    periodesEtablissement: [
      { dateFin: null, etatAdministratifEtablissement: 'A' },
      { dateFin: '2019-12-31', etatAdministratifEtablissement: 'F' },
    ],
    ...overrides,
  },
});

describe('what a SIRENE answer tells the admin', () => {
  it('reads an active establishment: its legal name and its address on one line', () => {
    expect(sireneCheckOf(200, answer(), AT)).toEqual({
      checkedAt: '2026-12-05T08:00:00.000Z',
      outcome: SireneOutcome.FOUND,
      active: true,
      legalName: 'EARL DU GUE',
      address: 'LIEU DIT LE GUE, 4 B RTE DE LA FERME, 23000 GUERET',
    });
  });

  it('reads a closed establishment from its current period (the one without an end)', () => {
    const closed = answer({
      periodesEtablissement: [
        { dateFin: '2018-01-01', etatAdministratifEtablissement: 'A' },
        { dateFin: null, etatAdministratifEtablissement: 'F' },
      ],
    });
    expect(sireneCheckOf(200, closed, AT)).toMatchObject({ outcome: SireneOutcome.FOUND, active: false });
  });

  it("names a sole trader (no company name) by the person's names", () => {
    const person = answer({ uniteLegale: { nomUniteLegale: 'MARTIN', prenomUsuelUniteLegale: 'CLAIRE' } });
    expect(sireneCheckOf(200, person, AT).legalName).toBe('CLAIRE MARTIN');
  });

  it('tells an unknown SIRET from a refusal to answer', () => {
    expect(sireneCheckOf(404, { header: { statut: 404 } }, AT)).toEqual({
      checkedAt: '2026-12-05T08:00:00.000Z',
      outcome: SireneOutcome.NOT_FOUND,
    });
    expect(sireneCheckOf(403, { header: { statut: 403 } }, AT)).toMatchObject({
      outcome: SireneOutcome.UNAVAILABLE,
      error: 'HTTP 403',
    });
  });
});
