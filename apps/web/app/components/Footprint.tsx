import { useId } from 'react';
import { DISTANCE_TYPE_LABELS, kgCo2e, km } from '../lib/format';
import {
  footprintTone,
  footprintVerdict,
  LOSS_REMEDIES,
  PICKUP_LOSS_REMEDIES,
  type FootprintFigures,
} from '../lib/footprint';

type HeadingLevel = 2 | 3 | 4;

/**
 * A transport footprint told honestly: distance (and how it was obtained), the emissions, the conventional chain's,
 * the signed difference in words — with what would change a loss — and the method a click away.
 */
export function Footprint({
  carbon,
  title = 'Empreinte carbone du transport',
  headingLevel = 3,
  subject = 'Ce transport',
  estimate = false,
  averageDistance = false,
  pickup = false,
}: {
  carbon: FootprintFigures;
  title?: string;
  headingLevel?: HeadingLevel;
  /** Who emits, in the verdict's sentence: "Cette livraison", "Votre panier"… */
  subject?: string;
  /** An estimate made before the order (the cart): said so. */
  estimate?: boolean;
  /** Several producers' footprints summed: the distance is their mean weighted by mass (CarbonFootprintTotal). */
  averageDistance?: boolean;
  /** Collected by the buyer at the producer's: a loss's remedies are not "collect it". */
  pickup?: boolean;
}) {
  const Heading = `h${headingLevel}` as const;
  const tone = footprintTone(carbon.savedKgCo2e);
  const headingId = useId();
  return (
    <section className={`footprint footprint--${tone}`} aria-labelledby={headingId}>
      <Heading id={headingId} className="footprint__title">
        {title}
      </Heading>
      <dl className="footprint__figures">
        <div>
          <dt>{averageDistance ? 'Distance moyenne, pondérée par le poids' : 'Distance'}</dt>
          <dd>
            {km(carbon.distanceKm)}
            {carbon.distanceType ? (
              <span className="small muted"> ({DISTANCE_TYPE_LABELS[carbon.distanceType] ?? carbon.distanceType})</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{estimate ? 'Émissions estimées' : 'Émissions du transport'}</dt>
          <dd>{kgCo2e(carbon.emissionsKgCo2e)}</dd>
        </div>
        <div>
          <dt>Chaîne classique (référence)</dt>
          <dd>{kgCo2e(carbon.baselineKgCo2e)}</dd>
        </div>
      </dl>
      <p className={tone === 'saving' ? 'saving--positive' : tone === 'loss' ? 'saving--negative' : undefined}>
        {footprintVerdict(carbon.savedKgCo2e, subject)}
      </p>
      {tone === 'loss' ? <p className="small">{pickup ? PICKUP_LOSS_REMEDIES : LOSS_REMEDIES}</p> : null}
      <FootprintMethod methodVersion={carbon.methodVersion} estimate={estimate} />
    </section>
  );
}

/** How a footprint is computed, and the method version it was computed with, a click away (WEB.md §2). */
export function FootprintMethod({
  methodVersion,
  estimate = false,
}: {
  methodVersion?: string | null;
  estimate?: boolean;
}) {
  return (
    <details className="footprint__method small">
      <summary>Comment est-ce calculé&nbsp;?</summary>
      <p>
        Émissions du puits à la roue du trajet du producteur jusqu’au lieu de livraison (norme ISO 14083), comparées à
        celles de la même marchandise passée par une chaîne classique&nbsp;: plateforme régionale à 450 km en poids
        lourd, puis 150 km en porteur jusqu’au commerce.
        {estimate ? ' Avant la commande, la distance est estimée à vol d’oiseau, corrigée pour la route.' : ''}
      </p>
      {methodVersion ? <p>Version de la méthode&nbsp;: {methodVersion}.</p> : null}
    </details>
  );
}
