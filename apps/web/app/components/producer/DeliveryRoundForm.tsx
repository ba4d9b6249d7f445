import { Form, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { deliveryDay, kgCo2e, km, percent } from '../../lib/format';
import { FieldError, FormAlert } from '../FieldError';
import type { RoundCandidates, RoundPart, RoundReading } from './delivery-round';

/** What the producer sent for a round the API refused: its error, and what to show again. */
export interface RoundFailure {
  key: string;
  error: FormError;
  orderIds: string[];
  reading: RoundReading;
  typed: string;
}

/** A round the API recorded: its parts with their new footprints. */
export interface RoundReport {
  key: string;
  parts: RoundPart[];
}

/** The fields of the form the API's errors name: under the reading, or under the orders. */
const READING_FIELDS = ['odometerKm', 'fuelLitres', 'valeur'];
const ORDERS_FIELD = 'supplierOrderIds';

/**
 * « Déclarer une tournée »: the producer's own deliveries of one day with one vehicle, of which it ticks those it
 * delivered in one trip, and ONE reading of the trip: its kilometres, departure to return, or the fuel it burnt. The
 * API shares the round's emissions among the orders (mass × distance) and flags an implausible reading.
 */
export function DeliveryRounds({
  candidates,
  report,
  failure,
}: {
  candidates: RoundCandidates[];
  report: RoundReport | null;
  failure: RoundFailure | null;
}) {
  return (
    <section className="producer-group" aria-labelledby="tournees-titre">
      <h2 id="tournees-titre" className="producer-group__title">
        Déclarer une tournée
      </h2>
      <p className="small muted">
        Vous avez livré plusieurs commandes d’un même trajet&nbsp;? Cochez-les et indiquez un seul relevé pour toute la
        tournée&nbsp;: les kilomètres du départ au retour, ou les litres de carburant. Les émissions de la tournée sont
        réparties entre ses commandes selon leur masse et leur distance, dans le bilan carbone de chaque acheteur.
      </p>
      {candidates.length === 0 ? (
        <p className="producer-group__empty">
          Aucune tournée à déclarer&nbsp;: une tournée réunit au moins deux commandes livrées le même jour avec votre
          véhicule.
        </p>
      ) : (
        <div className="stack">
          {candidates.map((round) => (
            <RoundForm
              key={round.key}
              round={round}
              report={report?.key === round.key ? report : null}
              failure={failure?.key === round.key ? failure : null}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function RoundForm({
  round,
  report,
  failure,
}: {
  round: RoundCandidates;
  report: RoundReport | null;
  failure: RoundFailure | null;
}) {
  const busy = useNavigation().formData?.get('tournee') === round.key;
  const id = `tournee-${round.day}-${round.vehicleId ?? 'vehicule'}`;
  const title = `Tournée du ${deliveryDay(round.day)}`;
  const error = failure?.error;
  const readingInvalid = Boolean(error?.field && READING_FIELDS.includes(error.field));
  const ordersInvalid = error?.field === ORDERS_FIELD;
  const reading = failure?.reading ?? 'odometerKm';
  const reported = round.parts.every((part) => part.roundId && part.roundId === round.parts[0].roundId);
  const checked = (partId: string) => (failure ? failure.orderIds.includes(partId) : true);
  return (
    <article className="card stack" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`}>
        {title}
        {reported && !report ? <span className="tag tag--label"> Déclarée</span> : null}
      </h3>
      {report ? <RoundOutcome report={report} /> : null}
      <FormAlert error={error} fields={[...READING_FIELDS, ORDERS_FIELD]} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="tournee" />
        <input type="hidden" name="tournee" value={round.key} />
        <fieldset
          aria-describedby={ordersInvalid ? `${id}-commandes-erreur` : undefined}
          aria-invalid={ordersInvalid || undefined}
        >
          <legend>Commandes livrées lors de cette tournée</legend>
          {round.parts.map((part) => (
            <label key={part.id} className="choice">
              <input type="checkbox" name="commande" value={part.id} defaultChecked={checked(part.id)} />
              <span>
                Commande {part.orderNumber} — {part.buyerOrganization?.name ?? 'Un particulier'},{' '}
                {part.deliveryAddress.city}
              </span>
            </label>
          ))}
          <FieldError error={error} field={ORDERS_FIELD} id={`${id}-commandes-erreur`} />
        </fieldset>
        <fieldset>
          <legend>Relevé de la tournée (un seul)</legend>
          <label className="choice">
            <input type="radio" name="releve" value="odometerKm" defaultChecked={reading === 'odometerKm'} />
            <span>Kilomètres au compteur, du départ au retour</span>
          </label>
          <label className="choice">
            <input type="radio" name="releve" value="fuelLitres" defaultChecked={reading === 'fuelLitres'} />
            <span>Litres de carburant consommés</span>
          </label>
          <div className="field">
            <label htmlFor={`${id}-valeur`}>Relevé</label>
            <input
              id={`${id}-valeur`}
              name="valeur"
              inputMode="decimal"
              defaultValue={failure?.typed}
              aria-describedby={readingInvalid ? `${id}-valeur-aide ${id}-valeur-erreur` : `${id}-valeur-aide`}
              aria-invalid={readingInvalid || undefined}
            />
            <p className="field__hint" id={`${id}-valeur-aide`}>
              En kilomètres ou en litres, selon le relevé choisi&nbsp;; par exemple 48 ou 6,5.
            </p>
            {readingInvalid && error ? (
              <p className="field__error" id={`${id}-valeur-erreur`} role="alert">
                {error.message}
              </p>
            ) : null}
          </div>
        </fieldset>
        <div>
          <button type="submit" disabled={busy}>
            Déclarer la tournée<span className="visually-hidden"> du {deliveryDay(round.day)}</span>
          </button>
        </div>
      </Form>
    </article>
  );
}

/** The round as the API recorded it: its driven km and emissions, each order's share, and a flag if implausible. */
function RoundOutcome({ report }: { report: RoundReport }) {
  const [first] = report.parts;
  const carbon = first?.carbon;
  if (!carbon) return null;
  const flagged = report.parts.some((part) => part.carbon.dataQuality === 'FLAGGED');
  return (
    <div className={flagged ? 'alert alert--warning' : 'alert alert--info'} role="status">
      <p>
        <strong>Tournée enregistrée</strong> pour {report.parts.length} commandes&nbsp;:{' '}
        {carbon.roundVkm != null ? `${km(carbon.roundVkm)} parcourus` : null}
        {carbon.roundEmissionsKgCo2e != null ? `, ${kgCo2e(carbon.roundEmissionsKgCo2e)} partagés entre elles.` : '.'}
      </p>
      {flagged ? (
        <p>
          <strong>Relevé peu plausible</strong> pour cette tournée&nbsp;: il est conservé mais signalé, et le bilan
          carbone utilise la tournée modélisée à sa place. Vérifiez le chiffre saisi, et déclarez la tournée de nouveau
          s’il était faux.
        </p>
      ) : null}
      <ul>
        {report.parts.map((part) => (
          <li key={part.id}>
            Commande {part.orderNumber}&nbsp;: {kgCo2e(part.carbon.emissionsKgCo2e)}
            {part.carbon.allocationShare != null ? ` (${percent(part.carbon.allocationShare)} de la tournée)` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
