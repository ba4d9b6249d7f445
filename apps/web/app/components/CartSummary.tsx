import { useFetcher } from 'react-router';
import { FieldError, invalidProps } from './FieldError';
import { LinesTable, roundingNoteApplies, type LineFigures } from './LinesTable';
import { Totals } from './Totals';
import type { FormError } from '../lib/api-error';
import { lineFiguresOf, type CartQuote, type CartQuoteProducer } from '../lib/cart-quote';
import { weekdaysText } from '../lib/delivery-terms';
import {
  deliveryDay,
  deliveryTerms,
  euros,
  kgCo2e,
  km,
  partDeliveryFee,
  type PriceBasis,
  unitLabel,
} from '../lib/format';
import { useHydrated } from '../lib/use-hydrated';

type HeadingLevel = 2 | 3;

/** What the cart's action answers a form: an error to show next to its field, or none. */
interface CartActionData {
  error: FormError | null;
}

/** The cart's footprint on one delivery day of a producer's round (CARBON-METHOD §7.3), from deliveryDateFootprints. */
export interface DateFootprint {
  deliveryDate: string;
  estimatedKgCo2e: number;
  marginalKgCo2e: number;
  pooled: boolean;
  lowest: boolean;
}

/** A line's quantity, changed or removed in place (works without JS: the form posts to /panier). */
function QuantityForm({ line }: { line: LineFigures }) {
  const fetcher = useFetcher<CartActionData>();
  const inputId = `quantite-${line.productId}`;
  const errorId = `${inputId}-erreur`;
  const error = fetcher.data?.error ? { ...fetcher.data.error, field: 'quantity' } : null;
  return (
    <fetcher.Form method="post" action="/panier" className="quantity-form">
      <input type="hidden" name="productId" value={line.productId} />
      <label htmlFor={inputId} className="visually-hidden">
        Quantité de {line.name} (en {unitLabel(line.unit, 2)})
      </label>
      <span className="quantity-form__field">
        <input
          key={line.quantity}
          id={inputId}
          name="quantity"
          type="number"
          inputMode={line.unit === 'PIECE' ? 'numeric' : 'decimal'}
          min={0}
          step={line.unit === 'PIECE' ? 1 : 0.001}
          defaultValue={line.quantity}
          className="quantity-form__input"
          {...invalidProps(error, 'quantity', errorId)}
        />
        <span className="small">{unitLabel(line.unit, line.quantity)}</span>
      </span>
      <span className="quantity-form__actions">
        <button type="submit" name="intent" value="update" className="button--secondary button--small">
          Mettre à jour<span className="visually-hidden"> la quantité de {line.name}</span>
        </button>
        <button type="submit" name="intent" value="remove" className="button--link small">
          Retirer<span className="visually-hidden"> {line.name}</span>
        </button>
      </span>
      <FieldError error={error} field="quantity" id={errorId} />
    </fetcher.Form>
  );
}

/** One delivery option per producer: a radio group that saves itself when changed (a button does it without JS). */
function DeliveryChoice({
  part,
  basis,
  dateFootprints,
}: {
  part: CartQuoteProducer;
  basis: PriceBasis;
  dateFootprints?: DateFootprint[];
}) {
  const fetcher = useFetcher<CartActionData>();
  const hydrated = useHydrated();
  const chosen = part.deliveryOption?.id ?? '';
  const noChoice = part.problems.find((problem) => problem.code === 'NO_DELIVERY_OPTION');
  const hintId = `livraison-${part.producer.id}-aide`;
  const feeOf = new Map(part.deliveryOptionFees.map((fee) => [fee.deliveryOptionId, fee]));
  return (
    <fetcher.Form method="post" action="/panier" onChange={(event) => fetcher.submit(event.currentTarget)}>
      <input type="hidden" name="intent" value="delivery" />
      <input type="hidden" name="producerId" value={part.producer.id} />
      {/* Uncontrolled radios: the browser shows the choice at once, and the focus stays on it while it is saved. */}
      <fieldset className="delivery-choice" aria-describedby={noChoice ? hintId : undefined}>
        <legend>Livraison par {part.producer.name}</legend>
        {noChoice ? (
          <p className="field__error" id={hintId}>
            {noChoice.message}
          </p>
        ) : null}
        {part.deliveryOptions.map((option) => (
          <label key={option.id} className="choice">
            <input type="radio" name="deliveryOptionId" value={option.id} defaultChecked={chosen === option.id} />
            <span>
              <strong>{option.label}</strong>
              <br />
              <span className="small muted">
                {deliveryTerms(option, () => partDeliveryFee(feeOf.get(option.id)!, basis))}
                {option.weekdays.length ? `\u00a0; livre le ${weekdaysText(option.weekdays)}` : ''}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <DeliveryDateField part={part} name="deliveryDate" id={`date-${part.producer.id}`} footprints={dateFootprints} />
      {hydrated ? null : (
        <button type="submit" className="button--secondary">
          Choisir ce mode de livraison
        </button>
      )}
    </fetcher.Form>
  );
}

/**
 * The delivery day of a producer whose chosen option delivers on set days: one of its next dates (the cart saves it
 * with the option; checkout posts it with the order). The API's refusal of the date shows under it.
 */
export function DeliveryDateField({
  part,
  name,
  id,
  error,
  footprints,
}: {
  part: CartQuoteProducer;
  name: string;
  id: string;
  error?: FormError | null;
  footprints?: DateFootprint[];
}) {
  const option = part.deliveryOption;
  if (!option || option.nextDeliveryDates.length === 0) return null;
  const errorId = `${id}-erreur`;
  const fieldError = error ? { ...error, field: name } : null;
  const chosen = part.deliveryDate ?? option.nextDeliveryDates[0];
  // A date refused by the API stays listed, so that the buyer sees what was refused next to the message.
  const dates = option.nextDeliveryDates.includes(chosen)
    ? option.nextDeliveryDates
    : [chosen, ...option.nextDeliveryDates];
  const footprintOf = new Map((footprints ?? []).map((day) => [day.deliveryDate, day]));
  const lowest = footprints?.find((day) => day.lowest);
  const hintId = `${id}-carbone`;
  return (
    <div className="field delivery-date-field">
      <label htmlFor={id}>
        {option.mode === 'PICKUP' ? 'Jour de retrait' : 'Jour de livraison'} chez {part.producer.name}
      </label>
      <select
        id={id}
        name={name}
        key={chosen}
        defaultValue={chosen}
        {...invalidProps(fieldError, name, errorId)}
        {...(lowest && !fieldError ? { 'aria-describedby': hintId } : {})}
      >
        {dates.map((day) => {
          const footprint = footprintOf.get(day);
          return (
            <option key={day} value={day}>
              {deliveryDay(day)}
              {footprint ? ` — ${kgCo2e(footprint.estimatedKgCo2e)}${footprint.lowest ? ' (le plus sobre)' : ''}` : ''}
            </option>
          );
        })}
      </select>
      {lowest ? <PoolingDay id={hintId} day={lowest} chosen={chosen} /> : null}
      {option.mode === 'PICKUP' && (option.address || option.openingHours) ? (
        <p className="field__hint">
          Retrait{option.address ? `\u00a0: ${option.address}` : ''}
          {option.openingHours ? ` (${option.openingHours})` : ''}
        </p>
      ) : null}
      <FieldError error={fieldError} field={name} id={errorId} />
    </div>
  );
}

/**
 * The pooling day (CARBON-METHOD §7.3): the date whose round adds the least for this cart, said in words, with what
 * the cart adds to that round; "the round already passes near you" when other orders travel that day.
 */
function PoolingDay({ id, day, chosen }: { id: string; day: DateFootprint; chosen: string }) {
  const text = deliveryDay(day.deliveryDate);
  const weekday = text.charAt(0).toUpperCase() + text.slice(1);
  return (
    <p className={`field__hint pooling-day${day.deliveryDate === chosen ? ' pooling-day--chosen' : ''}`} id={id}>
      <strong>
        {weekday}&nbsp;:{' '}
        {day.pooled ? 'la tournée passe déjà près de chez vous' : 'le jour le plus sobre pour cette livraison'}
      </strong>{' '}
      (votre commande y ajoute {kgCo2e(day.marginalKgCo2e)} à la tournée, {kgCo2e(day.estimatedKgCo2e)} vous sont
      attribués).
    </p>
  );
}

/** The producer's minimum order, and what is missing when it is not reached. */
function MinimumStatus({ part }: { part: CartQuoteProducer }) {
  if (part.minOrderCents === 0) return <p className="small muted">Pas de minimum de commande.</p>;
  return part.minimumMet ? (
    <p className="small minimum minimum--met">Minimum de commande de {euros(part.minOrderCents)} HT&nbsp;: atteint.</p>
  ) : (
    <p className="small minimum minimum--missing">
      Minimum de commande de {euros(part.minOrderCents)} HT&nbsp;: il manque{' '}
      <strong>{euros(part.missingCents)} HT</strong> de produits de {part.producer.name}.
    </p>
  );
}

/** One producer's part of the cart: its lines, its delivery, its minimum, its problems and totals. */
function ProducerPart({
  part,
  basis,
  editable,
  headingLevel,
  dateFootprints,
  roundingNote,
}: {
  part: CartQuoteProducer;
  basis: PriceBasis;
  editable: boolean;
  headingLevel: HeadingLevel;
  dateFootprints?: DateFootprint[];
  roundingNote: boolean;
}) {
  const Heading = `h${headingLevel}` as const;
  const headingId = `producteur-${part.producer.id}`;
  const lines = part.lines.map(lineFiguresOf);
  // Said by MinimumStatus and by the delivery choice already.
  const otherProblems = part.problems.filter(
    (p) => p.code !== 'MINIMUM_NOT_MET' && !(editable && p.code === 'NO_DELIVERY_OPTION'),
  );
  return (
    <section className="card stack cart-part" aria-labelledby={headingId}>
      <div className="cart-part__head">
        <Heading id={headingId}>{part.producer.name}</Heading>
        {part.distanceKm != null ? <span className="small muted">à {km(part.distanceKm)} à vol d’oiseau</span> : null}
      </div>
      <LinesTable
        caption={`Produits de ${part.producer.name}`}
        lines={lines}
        basis={basis}
        quantityCell={editable ? (line) => <QuantityForm line={line} /> : undefined}
        delivery={
          part.deliveryOption
            ? { label: part.deliveryOption.label, feeCents: part.feeCents, feeInclVatCents: part.feeInclVatCents }
            : null
        }
        compact={!editable}
        roundingNote={roundingNote}
      />
      {editable ? <DeliveryChoice part={part} basis={basis} dateFootprints={dateFootprints} /> : null}
      {!editable && !part.deliveryOption ? <p className="small">Mode de livraison à choisir dans le panier.</p> : null}
      {!editable && part.deliveryDate ? (
        <p className="small">
          {part.deliveryOption?.mode === 'PICKUP' ? 'Retrait' : 'Livraison'} le{' '}
          <strong>{deliveryDay(part.deliveryDate)}</strong>
        </p>
      ) : null}
      <MinimumStatus part={part} />
      {otherProblems.length ? (
        <ul className="cart-problems" aria-label={`À corriger pour ${part.producer.name}`}>
          {otherProblems.map((problem) => (
            <li key={`${problem.code}-${problem.productId ?? ''}`}>{problem.message}</li>
          ))}
        </ul>
      ) : null}
      <Totals
        subtotalCents={part.subtotalCents}
        vatCents={part.vatCents}
        totalCents={part.totalCents}
        feeCents={part.feeCents}
      />
    </section>
  );
}

/**
 * The cart grouped by producer, priced by the API (quoteCart), on the buyer's price basis (`priceBasisOfBuyer`).
 * Editable on the cart page (quantities, removal, delivery choice); read-only in the checkout's summary.
 */
export function CartSummary({
  quote,
  basis,
  editable = false,
  headingLevel = 2,
  dateFootprints,
  roundingNotes = true,
}: {
  quote: CartQuote;
  basis: PriceBasis;
  editable?: boolean;
  headingLevel?: HeadingLevel;
  /** Per producer id: the cart's footprint on each of its delivery days (the cart page). */
  dateFootprints?: Record<string, DateFootprint[]>;
  /** The rounding note under each part where due; false where the page says it once (`quoteNeedsRoundingNote`). */
  roundingNotes?: boolean;
}) {
  return (
    <div className="stack cart-summary">
      {quote.producers.map((part) => (
        <ProducerPart
          key={part.producer.id}
          part={part}
          basis={basis}
          editable={editable}
          headingLevel={headingLevel}
          dateFootprints={dateFootprints?.[part.producer.id]}
          roundingNote={roundingNotes}
        />
      ))}
    </div>
  );
}

/** Some line of the cart, on the buyer's price basis, is due the rounding note (`roundingNoteApplies`). */
export const quoteNeedsRoundingNote = (quote: CartQuote, basis: PriceBasis): boolean =>
  roundingNoteApplies(
    quote.producers.flatMap((part) => part.lines.map(lineFiguresOf)),
    basis,
  );

/** Why the cart cannot be ordered yet, said before the button that stays disabled. */
export function CheckoutBlockers({ reasons, id }: { reasons: string[]; id: string }) {
  if (reasons.length === 0) return null;
  return (
    <div className="alert alert--warning" id={id}>
      <p>
        <strong>Avant de commander&nbsp;:</strong>
      </p>
      <ul className="cart-problems">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
