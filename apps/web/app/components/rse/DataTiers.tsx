import { countOf, kgCo2e, percent } from '../../lib/format';

/** The emissions figure split by the data it rests on (CARBON-METHOD §7.3), in kg CO₂e. */
export interface DataTierFigures {
  primaryKgCo2e: number;
  modelledKgCo2e: number;
  defaultKgCo2e: number;
  flaggedLineCount: number;
}

const TIERS = [
  {
    term: 'Données primaires',
    kgOf: (tiers: DataTierFigures) => tiers.primaryKgCo2e,
    meaning: 'carburant ou kilomètres relevés par le producteur au retour de sa tournée',
  },
  {
    term: 'Tournée modélisée',
    kgOf: (tiers: DataTierFigures) => tiers.modelledKgCo2e,
    meaning: 'la tournée prévue le jour de livraison, partagée entre les commandes qu’elle dessert',
  },
  {
    term: 'Valeur par défaut',
    kgOf: (tiers: DataTierFigures) => tiers.defaultKgCo2e,
    meaning: 'un aller-retour dédié, estimé à vol d’oiseau et corrigé pour la route',
  },
];

/**
 * "D’où vient ce chiffre": how much of an emissions figure rests on what the producers read at delivery, on the round
 * planned for the day, or on the default trip — the three tiers an auditor asks about — each in kg CO₂e and as a
 * share of the three. The buyer's report and the brand's dashboard say it in the same words. Nothing when there is
 * no figure to split.
 */
export function DataTiers({ tiers, advice }: { tiers: DataTierFigures; advice: string }) {
  const total = TIERS.reduce((sum, tier) => sum + tier.kgOf(tiers), 0);
  if (total <= 0) return null;
  return (
    <div className="stack data-tiers" role="group" aria-labelledby="data-tiers-title">
      <h3 id="data-tiers-title">D’où vient ce chiffre</h3>
      <p className="small muted">{advice}</p>
      <dl className="report-figures">
        {TIERS.map((tier) => (
          <div key={tier.term}>
            <dt>{tier.term}</dt>
            <dd className="report-figures__value">{`${kgCo2e(tier.kgOf(tiers))} · ${percent(tier.kgOf(tiers) / total)}`}</dd>
            <dd className="small muted">{tier.meaning}</dd>
          </div>
        ))}
      </dl>
      {tiers.flaggedLineCount > 0 ? (
        <p className="small">
          {countOf(tiers.flaggedLineCount, 'ligne')}&nbsp;: un relevé du producteur hors des valeurs plausibles a été
          écarté, la tournée modélisée le remplace.
        </p>
      ) : null}
    </div>
  );
}
