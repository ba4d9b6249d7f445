import { data, Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/deliveries';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { graphql, type ResultOf } from '../../graphql';
import { ApiError, apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { DELIVERY_MODE_LABELS, euros, km } from '../../lib/format';
import { centsOfEuros, quantityOf } from '../../lib/product-input';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const DELIVERY_OPTIONS = graphql(`
  query ProducerDeliveryOptions($producerId: ID!) {
    organization(id: $producerId) { id deliveryOptions { id mode label vehicleId maxDistanceKm feeCents minOrderCents } }
  }
`);

const CREATE_DELIVERY_OPTION = graphql(`
  mutation CreateDeliveryOption($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }
`);

type DeliveryOption = NonNullable<ResultOf<typeof DELIVERY_OPTIONS>['organization']>['deliveryOptions'][number];
type Mode = DeliveryOption['mode'];
const MODES: Mode[] = ['PRODUCER_DELIVERY', 'PICKUP', 'CARRIER'];
const isMode = (value: unknown): value is Mode => MODES.includes(value as Mode);

/** The form's fields, named as the API names them (so that its `extensions.field` points at them). */
type OptionField = 'mode' | 'label' | 'vehicleId' | 'maxDistanceKm' | 'feeCents' | 'minOrderCents';
const OPTION_FIELDS: OptionField[] = ['mode', 'label', 'vehicleId', 'maxDistanceKm', 'feeCents', 'minOrderCents'];

export const meta: Route.MetaFunction = () => [{ title: 'Modes de livraison — Ancrage' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const { organization } = await apiQuery(callerOf(context), DELIVERY_OPTIONS, { producerId: choice.producer.id });
  const options = organization?.deliveryOptions ?? [];
  const added = options.find((option) => option.id === new URL(request.url).searchParams.get('ajoute'));
  return { kind: 'producer' as const, ...choice, producer: choice.producer, options, added: added ?? null };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const values = Object.fromEntries(OPTION_FIELDS.map((field) => [field, String(form.get(field) ?? '').trim()])) as Record<OptionField, string>;
  const producerId = String(form.get('producteur') ?? '');
  const failed = (error: FormError, vehicles: string[] = []) => data({ error, values, vehicles }, { status: 400 });

  if (!isMode(values.mode)) return failed({ message: 'Choisissez un mode de livraison.', code: 'BAD_USER_INPUT', field: 'mode' });
  const euroField = (field: 'feeCents' | 'minOrderCents') => (values[field] === '' ? 0 : centsOfEuros(values[field]));
  const feeCents = euroField('feeCents');
  if (feeCents === null) return failed({ message: 'Saisissez un montant en euros, par exemple 4,50 (ou 0 si la livraison est gratuite).', code: 'BAD_USER_INPUT', field: 'feeCents' });
  const minOrderCents = euroField('minOrderCents');
  if (minOrderCents === null) return failed({ message: 'Saisissez un montant en euros, par exemple 30 (ou 0 sans minimum).', code: 'BAD_USER_INPUT', field: 'minOrderCents' });
  const maxDistanceKm = values.maxDistanceKm === '' ? null : quantityOf(values.maxDistanceKm);
  if (values.maxDistanceKm !== '' && maxDistanceKm === null) {
    return failed({ message: 'Saisissez une distance en kilomètres, par exemple 30, ou laissez le champ vide.', code: 'BAD_USER_INPUT', field: 'maxDistanceKm' });
  }

  let id: string;
  try {
    const { createDeliveryOption } = await apiMutation(callerOf(context), CREATE_DELIVERY_OPTION, {
      input: { producerId, mode: values.mode, label: values.label, vehicleId: values.vehicleId || null, maxDistanceKm, feeCents, minOrderCents },
    });
    id = createDeliveryOption.id;
  } catch (error) {
    return failed(formErrorOf(error), vehiclesNamedBy(error));
  }
  const params = new URLSearchParams({ ajoute: id });
  if (form.get('plusieurs') === '1') params.set('producteur', producerId);
  throw redirect(`/producteur/livraisons?${params}`);
}

/** The vehicles the API's refusal of an unknown one lists (the schema offers no list of them): the field proposes them. */
function vehiclesNamedBy(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.field !== 'vehicleId') return [];
  return /choose one of: (.+)\.$/.exec(error.message)?.[1].split(', ') ?? [];
}

export default function ProducerDeliveries({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Modes de livraison" />;
  const { producers, producer, unknownProducer, options } = loaderData;
  // The address still names the option added before, when adding another one failed.
  const added = actionData?.error ? null : loaderData.added;
  return (
    <div className="stack producer-deliveries">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>Modes de livraison</h1>
      <p className="muted">
        Comment les acheteurs reçoivent les commandes de <strong>{producer.name}</strong>. Ils choisissent l’un de ces modes
        pour chaque commande ; le véhicule sert à calculer l’empreinte carbone de la livraison.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <div role="status" className={added ? 'alert alert--info' : undefined}>
        {added ? `Le mode de livraison « ${added.label} » est ajouté.` : null}
      </div>
      <section aria-labelledby="options-titre" className="stack">
        <h2 id="options-titre">Vos modes de livraison</h2>
        {options.length === 0 ? (
          <p className="empty-state">
            Aucun mode de livraison pour l’instant : sans lui, les acheteurs ne peuvent pas commander vos produits. Ajoutez-en
            un ci-dessous.
          </p>
        ) : (
          <ul className="delivery-option-list">
            {options.map((option) => (
              <DeliveryOptionCard key={option.id} option={option} />
            ))}
          </ul>
        )}
      </section>
      {/* A new key after each addition: the form starts empty again. */}
      <NewDeliveryOption key={loaderData.added?.id ?? 'nouveau'} producerId={producer.id} several={producers.length > 1} actionData={actionData} />
    </div>
  );
}

function DeliveryOptionCard({ option }: { option: DeliveryOption }) {
  const facts: [string, string][] = [
    ['Mode', DELIVERY_MODE_LABELS[option.mode] ?? option.mode],
    ['Véhicule', option.vehicleId ?? (option.mode === 'PICKUP' ? 'Trajet de l’acheteur' : 'Non précisé')],
    ['Distance maximale', option.maxDistanceKm != null ? km(option.maxDistanceKm) : 'Sans limite'],
    ['Frais de livraison', option.feeCents ? `${euros(option.feeCents)} HT` : 'Gratuit'],
    ['Minimum de commande', option.minOrderCents ? `${euros(option.minOrderCents)} HT` : 'Sans minimum'],
  ];
  return (
    <li className="card delivery-option" aria-labelledby={`option-${option.id}`}>
      <h3 id={`option-${option.id}`} className="delivery-option__label">
        {option.label}
      </h3>
      <dl className="delivery-option__facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

const MODE_HINTS: Record<Mode, string> = {
  PRODUCER_DELIVERY: 'Vous livrez vous-même, avec votre véhicule.',
  PICKUP: 'L’acheteur vient chercher sa commande chez vous.',
  CARRIER: 'Un transporteur livre pour vous.',
};

function NewDeliveryOption({ producerId, several, actionData }: { producerId: string; several: boolean; actionData: Route.ComponentProps['actionData'] }) {
  const error = actionData?.error;
  const values = actionData?.values;
  const busy = useNavigation().state === 'submitting';
  const vehicles = actionData?.vehicles ?? [];
  const field = (name: Exclude<OptionField, 'mode'>, label: string, hint: string, props: Record<string, string> = {}) => {
    const invalid = invalidProps(error, name, `${name}-error`);
    return (
      <div className={`field field--${name}`}>
        <label htmlFor={name}>{label}</label>
        <input
          id={name}
          name={name}
          defaultValue={values?.[name]}
          {...props}
          {...invalid}
          aria-describedby={[`${name}-hint`, invalid['aria-describedby']].filter(Boolean).join(' ')}
        />
        <p className="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
        <FieldError error={error} field={name} id={`${name}-error`} />
      </div>
    );
  };
  const checkedMode = values?.mode ?? 'PRODUCER_DELIVERY';
  return (
    <section className="card stack" aria-labelledby="nouveau-titre">
      <h2 id="nouveau-titre">Ajouter un mode de livraison</h2>
      <FormAlert error={error} fields={OPTION_FIELDS} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="producteur" value={producerId} />
        {several ? <input type="hidden" name="plusieurs" value="1" /> : null}
        <fieldset aria-describedby={error?.field === 'mode' ? 'mode-error' : undefined}>
          <legend>Mode</legend>
          {MODES.map((mode) => (
            <label key={mode} className="choice">
              <input type="radio" name="mode" value={mode} defaultChecked={mode === checkedMode} />
              <span>
                {DELIVERY_MODE_LABELS[mode]}
                <span className="field__hint delivery-mode__hint">{MODE_HINTS[mode]}</span>
              </span>
            </label>
          ))}
          <FieldError error={error} field="mode" id="mode-error" />
        </fieldset>
        {field('label', 'Nom du mode de livraison', 'Ce que l’acheteur lit au moment de choisir : « Tournée du mardi », « Retrait à la ferme »…')}
        {field(
          'vehicleId',
          'Véhicule',
          'Son identifiant dans les données carbone d’Ancrage, par exemple vul_diesel (camionnette diesel) ou velo_marche. Facultatif pour un retrait (le trajet de l’acheteur). Un identifiant inconnu fait afficher la liste de ceux reconnus.',
          { autoComplete: 'off', spellCheck: 'false', ...(vehicles.length ? { list: 'vehicules-connus' } : {}) },
        )}
        {vehicles.length ? (
          <datalist id="vehicules-connus">
            {vehicles.map((vehicle) => (
              <option key={vehicle} value={vehicle} />
            ))}
          </datalist>
        ) : null}
        <div className="delivery-form__figures">
          {field('maxDistanceKm', 'Distance maximale (km)', 'Vide : sans limite.', { inputMode: 'decimal' })}
          {field('feeCents', 'Frais de livraison (€ HT)', 'Vide ou 0 : gratuit.', { inputMode: 'decimal' })}
          {field('minOrderCents', 'Minimum de commande (€ HT)', 'Vide ou 0 : sans minimum.', { inputMode: 'decimal' })}
        </div>
        <div>
          <button type="submit" disabled={busy}>
            {busy ? 'Ajout…' : 'Ajouter ce mode de livraison'}
          </button>
        </div>
      </Form>
    </section>
  );
}
