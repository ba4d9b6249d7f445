import { type ReactNode, useState } from 'react';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/deliveries';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { cutoffText, WEEKDAYS, weekdaysText } from '../../lib/delivery-terms';
import { DELIVERY_MODE_LABELS, deliveryDay, euros, firstOfMonth, km } from '../../lib/format';
import { centsOfEuros, quantityOf } from '../../lib/product-input';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { type VehicleChoice, vehicleGroups, vehicleLabel } from '../../lib/vehicles';
import { chooseProducer } from './producers.server';

const DELIVERY_OPTIONS = graphql(`
  query ProducerDeliveryOptions($producerId: ID!) {
    organization(id: $producerId) {
      id
      deliveryOptions {
        id
        mode
        label
        vehicleId
        maxDistanceKm
        feeCents
        minOrderCents
        weekdays
        cutoffHours
        address
        openingHours
        nextDeliveryDates(first: 4)
        closedDates
      }
    }
    vehicles {
      id
      label
      vehicleClass
    }
  }
`);

const CREATE_DELIVERY_OPTION = graphql(`
  mutation CreateDeliveryOption($input: CreateDeliveryOptionInput!) {
    createDeliveryOption(input: $input) {
      id
    }
  }
`);

const UPDATE_DELIVERY_OPTION = graphql(`
  mutation UpdateDeliveryOption($id: ID!, $input: UpdateDeliveryOptionInput!) {
    updateDeliveryOption(id: $id, input: $input) {
      id
    }
  }
`);

const CLOSE_DELIVERY_DATE = graphql(`
  mutation CloseDeliveryDate($id: ID!, $date: Date!) {
    closeDeliveryDate(deliveryOptionId: $id, date: $date) {
      id
    }
  }
`);

const REOPEN_DELIVERY_DATE = graphql(`
  mutation ReopenDeliveryDate($id: ID!, $date: Date!) {
    reopenDeliveryDate(deliveryOptionId: $id, date: $date) {
      id
    }
  }
`);

const ARCHIVE_DELIVERY_OPTION = graphql(`
  mutation ArchiveDeliveryOption($id: ID!) {
    archiveDeliveryOption(id: $id) {
      id
      label
    }
  }
`);

type DeliveryOption = NonNullable<ResultOf<typeof DELIVERY_OPTIONS>['organization']>['deliveryOptions'][number];
type Mode = DeliveryOption['mode'];
const MODES: Mode[] = ['PRODUCER_DELIVERY', 'PICKUP', 'CARRIER'];
const isMode = (value: unknown): value is Mode => MODES.includes(value as Mode);

/** The form's fields, named as the API names them (so that its `extensions.field` points at them). */
type OptionField =
  | 'mode'
  | 'label'
  | 'vehicleId'
  | 'maxDistanceKm'
  | 'feeCents'
  | 'minOrderCents'
  | 'cutoffHours'
  | 'address'
  | 'openingHours';
const OPTION_FIELDS: OptionField[] = [
  'mode',
  'label',
  'vehicleId',
  'maxDistanceKm',
  'feeCents',
  'minOrderCents',
  'cutoffHours',
  'address',
  'openingHours',
];
/** The fields an error may name: the form's, and the weekday checkboxes. */
const ERROR_FIELDS = [...OPTION_FIELDS, 'weekdays'];

export const meta: Route.MetaFunction = () => [
  { title: 'Modes de livraison — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const { organization, vehicles } = await apiQuery(callerOf(context), DELIVERY_OPTIONS, {
    producerId: choice.producer.id,
  });
  const options = organization?.deliveryOptions ?? [];
  const params = new URL(request.url).searchParams;
  const added = options.find((option) => option.id === params.get('ajoute'));
  const changed = options.find((option) => option.id === params.get('modifie'));
  const editing = options.find((option) => option.id === params.get('modifier'));
  const archived = params.get('archive');
  const dayNotice = dayChangeNotice(options, params);
  const notice = dayNotice
    ? dayNotice
    : added
      ? `Le mode de livraison «\u00a0${added.label}\u00a0» est ajouté.`
      : changed
        ? `Le mode de livraison «\u00a0${changed.label}\u00a0» est modifié.`
        : archived
          ? `Le mode de livraison «\u00a0${archived}\u00a0» est archivé\u00a0: il n’est plus proposé aux acheteurs.`
          : null;
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    options,
    vehicles,
    added: added ?? null,
    editing: editing ?? null,
    notice,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const values = Object.fromEntries(
    OPTION_FIELDS.map((field) => [field, String(form.get(field) ?? '').trim()]),
  ) as Record<OptionField, string>;
  const weekdays = form
    .getAll('weekdays')
    .map(Number)
    .filter((day) => Number.isInteger(day));
  const producerId = String(form.get('producteur') ?? '');
  const intent = String(form.get('intent') ?? 'create');
  const optionId = String(form.get('option') ?? '');
  const several = form.get('plusieurs') === '1';
  const back = (params: Record<string, string>) => {
    const search = new URLSearchParams(params);
    if (several) search.set('producteur', producerId);
    return `/producteur/livraisons?${search}`;
  };
  const failed = (error: FormError) =>
    data(
      { error, values: { ...values, weekdays }, intent, optionId: intent === 'update' ? optionId : null },
      { status: 400 },
    );

  if (intent === 'close-day' || intent === 'reopen-day') {
    const date = String(form.get('date') ?? '');
    const failedDay = (error: FormError) =>
      data({ error: dayError(error), values: { ...values, weekdays }, intent, optionId }, { status: 400 });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      return failedDay({ message: 'Choisissez le jour à fermer.', code: 'BAD_USER_INPUT', field: 'date' });
    try {
      const caller = callerOf(context);
      if (intent === 'close-day') await apiMutation(caller, CLOSE_DELIVERY_DATE, { id: optionId, date });
      else await apiMutation(caller, REOPEN_DELIVERY_DATE, { id: optionId, date });
    } catch (error) {
      return failedDay(formErrorOf(error));
    }
    throw redirect(
      `${back({ [intent === 'close-day' ? 'ferme' : 'rouvert']: date, mode: optionId })}#option-${optionId}`,
    );
  }

  if (intent === 'archive') {
    try {
      const { archiveDeliveryOption } = await apiMutation(callerOf(context), ARCHIVE_DELIVERY_OPTION, { id: optionId });
      throw redirect(back({ archive: archiveDeliveryOption.label }));
    } catch (error) {
      if (error instanceof Response) throw error;
      return failed(formErrorOf(error));
    }
  }

  const cutoffHours = values.cutoffHours === '' ? 24 : Number(values.cutoffHours);
  if (!Number.isInteger(cutoffHours))
    return failed({
      message: 'Indiquez un nombre d’heures entier, par exemple 24 pour la veille à minuit.',
      code: 'BAD_USER_INPUT',
      field: 'cutoffHours',
    });
  const terms = { weekdays, cutoffHours, address: values.address || null, openingHours: values.openingHours || null };
  if (intent === 'update') {
    const euroField = (field: 'feeCents' | 'minOrderCents') => (values[field] === '' ? 0 : centsOfEuros(values[field]));
    const feeCents = euroField('feeCents');
    const minOrderCents = euroField('minOrderCents');
    const maxDistanceKm = values.maxDistanceKm === '' ? null : quantityOf(values.maxDistanceKm);
    if (feeCents === null)
      return failed({
        message: 'Saisissez un montant en euros, par exemple 4,50 (ou 0 si la livraison est gratuite).',
        code: 'BAD_USER_INPUT',
        field: 'feeCents',
      });
    if (minOrderCents === null)
      return failed({
        message: 'Saisissez un montant en euros, par exemple 30 (ou 0 sans minimum).',
        code: 'BAD_USER_INPUT',
        field: 'minOrderCents',
      });
    if (values.maxDistanceKm !== '' && maxDistanceKm === null) {
      return failed({
        message: 'Saisissez une distance en kilomètres, par exemple 30, ou laissez le champ vide.',
        code: 'BAD_USER_INPUT',
        field: 'maxDistanceKm',
      });
    }
    try {
      await apiMutation(callerOf(context), UPDATE_DELIVERY_OPTION, {
        id: optionId,
        input: {
          label: values.label,
          vehicleId: values.vehicleId || null,
          maxDistanceKm,
          feeCents,
          minOrderCents,
          ...terms,
        },
      });
    } catch (error) {
      return failed(formErrorOf(error));
    }
    throw redirect(back({ modifie: optionId }));
  }

  if (!isMode(values.mode))
    return failed({ message: 'Choisissez un mode de livraison.', code: 'BAD_USER_INPUT', field: 'mode' });
  const euroField = (field: 'feeCents' | 'minOrderCents') => (values[field] === '' ? 0 : centsOfEuros(values[field]));
  const feeCents = euroField('feeCents');
  if (feeCents === null)
    return failed({
      message: 'Saisissez un montant en euros, par exemple 4,50 (ou 0 si la livraison est gratuite).',
      code: 'BAD_USER_INPUT',
      field: 'feeCents',
    });
  const minOrderCents = euroField('minOrderCents');
  if (minOrderCents === null)
    return failed({
      message: 'Saisissez un montant en euros, par exemple 30 (ou 0 sans minimum).',
      code: 'BAD_USER_INPUT',
      field: 'minOrderCents',
    });
  const maxDistanceKm = values.maxDistanceKm === '' ? null : quantityOf(values.maxDistanceKm);
  if (values.maxDistanceKm !== '' && maxDistanceKm === null) {
    return failed({
      message: 'Saisissez une distance en kilomètres, par exemple 30, ou laissez le champ vide.',
      code: 'BAD_USER_INPUT',
      field: 'maxDistanceKm',
    });
  }

  let id: string;
  try {
    const { createDeliveryOption } = await apiMutation(callerOf(context), CREATE_DELIVERY_OPTION, {
      input: {
        producerId,
        mode: values.mode,
        label: values.label,
        vehicleId: values.vehicleId || null,
        maxDistanceKm,
        feeCents,
        minOrderCents,
        ...terms,
      },
    });
    id = createDeliveryOption.id;
  } catch (error) {
    return failed(formErrorOf(error));
  }
  throw redirect(back({ ajoute: id }));
}

export default function ProducerDeliveries({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Modes de livraison" />;
  const { producers, producer, unknownProducer, options, vehicles, editing } = loaderData;
  const several = producers.length > 1;
  // The address still names the option added before, when adding another one failed.
  const notice = actionData?.error ? null : loaderData.notice;
  const failedOn = actionData?.intent === 'update' ? (actionData.optionId ?? null) : null;
  const editedId = failedOn ?? editing?.id ?? null;
  const listHref = several ? `/producteur/livraisons?producteur=${producer.id}` : '/producteur/livraisons';
  return (
    <div className="stack producer-deliveries">
      <ProducerNav producerId={producer.id} several={several} />
      <h1>Modes de livraison</h1>
      <p className="muted">
        Comment les acheteurs reçoivent les commandes de <strong>{producer.name}</strong>. Ils choisissent l’un de ces
        modes pour chaque commande, et le jour de livraison quand vous en avez fixé&nbsp;; le véhicule sert à calculer
        l’empreinte carbone de la livraison.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <div role="status" className={notice ? 'alert alert--info' : undefined}>
        {notice}
      </div>
      {actionData?.error && actionData.intent === 'archive' ? <FormAlert error={actionData.error} fields={[]} /> : null}
      <section aria-labelledby="options-titre" className="stack">
        <h2 id="options-titre">Vos modes de livraison</h2>
        {options.length === 0 ? (
          <p className="empty-state">
            Aucun mode de livraison pour l’instant&nbsp;: sans lui, les acheteurs ne peuvent pas commander vos produits.
            Ajoutez-en un ci-dessous.
          </p>
        ) : (
          <ul className="delivery-option-list">
            {options.map((option) =>
              option.id === editedId ? (
                <li key={option.id} className="card delivery-option delivery-option--editing">
                  <DeliveryOptionForm
                    producerId={producer.id}
                    several={several}
                    option={option}
                    vehicles={vehicles}
                    actionData={failedOn === option.id ? actionData : undefined}
                    cancelHref={`${listHref}#option-${option.id}`}
                  />
                </li>
              ) : (
                <DeliveryOptionCard
                  key={option.id}
                  option={option}
                  vehicles={vehicles}
                  producerId={producer.id}
                  several={several}
                  listHref={listHref}
                  dayError={
                    actionData?.optionId === option.id &&
                    (actionData.intent === 'close-day' || actionData.intent === 'reopen-day')
                      ? actionData.error
                      : null
                  }
                />
              ),
            )}
          </ul>
        )}
      </section>
      {/* A new key after each addition: the form starts empty again. */}
      <section className="card stack" aria-labelledby="nouveau-titre">
        <h2 id="nouveau-titre">Ajouter un mode de livraison</h2>
        <DeliveryOptionForm
          key={loaderData.added?.id ?? 'nouveau'}
          producerId={producer.id}
          several={several}
          vehicles={vehicles}
          actionData={actionData?.intent === 'create' ? actionData : undefined}
        />
      </section>
    </div>
  );
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
/** A delivery date (YYYY-MM-DD) shortly: "mar. 8 déc.". */
export const shortDay = (day: string): string => firstOfMonth(dayFormat.format(new Date(`${day}T12:00:00Z`)));

/** What the page says after a day was closed or opened again, read from the address it came back to. */
function dayChangeNotice(options: readonly DeliveryOption[], params: URLSearchParams): string | null {
  const option = options.find((candidate) => candidate.id === params.get('mode'));
  const closed = params.get('ferme');
  const reopened = params.get('rouvert');
  if (!option || !(closed || reopened)) return null;
  return closed
    ? `Le ${deliveryDay(closed)} est fermé pour «\u00a0${option.label}\u00a0»\u00a0: les acheteurs ne peuvent plus le choisir.`
    : `Le ${deliveryDay(reopened!)} est de nouveau proposé aux acheteurs pour «\u00a0${option.label}\u00a0».`;
}

/** A closing refused, said for this page: what to do about orders already placed. */
function dayError(error: FormError): FormError {
  if (error.reason === 'ORDERS_PLACED')
    return {
      ...error,
      field: 'date',
      message:
        'Des commandes sont déjà prévues ce jour-là\u00a0: changez leur jour de livraison (depuis vos commandes), puis fermez-le.',
    };
  if (error.code === 'BAD_USER_INPUT' && error.field === 'date')
    return {
      ...error,
      message:
        'Ce jour ne peut pas être fermé\u00a0: ce n’est pas un jour de livraison de ce mode, ou ses commandes sont déjà closes.',
    };
  return error;
}

function DeliveryOptionCard({
  option,
  vehicles,
  producerId,
  several,
  listHref,
  dayError,
}: {
  option: DeliveryOption;
  vehicles: readonly VehicleChoice[];
  producerId: string;
  several: boolean;
  listHref: string;
  dayError: FormError | null;
}) {
  const facts: [string, string][] = [
    ['Mode', DELIVERY_MODE_LABELS[option.mode] ?? option.mode],
    [
      'Véhicule',
      vehicleLabel(vehicles, option.vehicleId) ?? (option.mode === 'PICKUP' ? 'Trajet de l’acheteur' : 'Non précisé'),
    ],
    ['Distance maximale', option.maxDistanceKm != null ? km(option.maxDistanceKm) : 'Sans limite'],
    ['Frais de livraison', option.feeCents ? `${euros(option.feeCents)} HT` : 'Gratuit'],
    ['Minimum de commande', option.minOrderCents ? `${euros(option.minOrderCents)} HT` : 'Sans minimum'],
    [
      'Jours de livraison',
      option.weekdays.length
        ? weekdaysText(option.weekdays)
        : 'Aucun jour fixé\u00a0: l’acheteur ne choisit pas de date',
    ],
    ...(option.weekdays.length ? ([['Fin des commandes', cutoffText(option.cutoffHours)]] as [string, string][]) : []),
    ...(option.address ? ([['Adresse de retrait', option.address]] as [string, string][]) : []),
    ...(option.openingHours ? ([['Horaires de retrait', option.openingHours]] as [string, string][]) : []),
  ];
  const editHref = `${listHref}${listHref.includes('?') ? '&' : '?'}modifier=${option.id}#option-${option.id}`;
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
      {option.weekdays.length ? (
        <DeliveryDays option={option} producerId={producerId} several={several} error={dayError} />
      ) : null}
      <div className="delivery-option__actions">
        <Link to={editHref} className="button button--secondary button--small">
          Modifier<span className="visually-hidden"> «&nbsp;{option.label}&nbsp;»</span>
        </Link>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="archive" />
          <OptionFields option={option} producerId={producerId} several={several} />
          <button type="submit" className="button--link small">
            Archiver<span className="visually-hidden"> «&nbsp;{option.label}&nbsp;»</span>
          </button>
        </Form>
      </div>
    </li>
  );
}

/** The hidden fields every form of an option's card sends. */
function OptionFields({
  option,
  producerId,
  several,
}: {
  option: DeliveryOption;
  producerId: string;
  several: boolean;
}) {
  return (
    <>
      <input type="hidden" name="option" value={option.id} />
      <input type="hidden" name="producteur" value={producerId} />
      {several ? <input type="hidden" name="plusieurs" value="1" /> : null}
    </>
  );
}

/**
 * The next days buyers may choose, each one closable (holidays, a day off), the days closed with a way to open them
 * again, and a field to close a later day.
 */
function DeliveryDays({
  option,
  producerId,
  several,
  error,
}: {
  option: DeliveryOption;
  producerId: string;
  several: boolean;
  error: FormError | null;
}) {
  const dayForm = (intent: 'close-day' | 'reopen-day', day: string, label: string) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="date" value={day} />
      <OptionFields option={option} producerId={producerId} several={several} />
      <button type="submit" className="button--link small">
        {label}
        <span className="visually-hidden"> le {deliveryDay(day)}</span>
      </button>
    </Form>
  );
  const fieldId = `option-${option.id}-date`;
  return (
    <div className="delivery-option__dates stack-tight">
      <p className="small">
        <strong>Prochaines dates proposées aux acheteurs&nbsp;:</strong>
      </p>
      <ul className="delivery-dates" aria-label={`Prochaines dates de livraison de «\u00a0${option.label}\u00a0»`}>
        {option.nextDeliveryDates.map((day) => (
          <li key={day}>
            <time dateTime={day}>{shortDay(day)}</time>
            {dayForm('close-day', day, 'Fermer')}
          </li>
        ))}
      </ul>
      {option.closedDates.length ? (
        <>
          <p className="small">
            <strong>Jours fermés&nbsp;:</strong> aucune livraison, les acheteurs ne peuvent pas les choisir.
          </p>
          <ul
            className="delivery-dates delivery-dates--closed"
            aria-label={`Jours fermés de «\u00a0${option.label}\u00a0»`}
          >
            {option.closedDates.map((day) => (
              <li key={day}>
                <time dateTime={day}>{shortDay(day)}</time>
                {dayForm('reopen-day', day, 'Rouvrir')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="delivery-option__close-day">
        <input type="hidden" name="intent" value="close-day" />
        <OptionFields option={option} producerId={producerId} several={several} />
        <div className="field">
          <label htmlFor={fieldId}>Fermer un autre jour</label>
          <input
            type="date"
            id={fieldId}
            name="date"
            required
            min={option.nextDeliveryDates[0]}
            {...invalidProps(error, 'date', `${fieldId}-error`)}
          />
          <FieldError error={error} field="date" id={`${fieldId}-error`} />
        </div>
        <button type="submit" className="button button--secondary button--small">
          Fermer ce jour
        </button>
      </Form>
      <FormAlert error={error} fields={['date']} />
    </div>
  );
}

const MODE_HINTS: Record<Mode, string> = {
  PRODUCER_DELIVERY: 'Vous livrez vous-même, avec votre véhicule.',
  PICKUP: 'L’acheteur vient chercher sa commande chez vous.',
  CARRIER: 'Un transporteur livre pour vous.',
};

type ActionData = Route.ComponentProps['actionData'];

/** The form adding an option, or changing one (its mode stays: another mode is another option). */
function DeliveryOptionForm({
  producerId,
  several,
  option,
  vehicles,
  actionData,
  cancelHref,
}: {
  producerId: string;
  several: boolean;
  option?: DeliveryOption;
  vehicles: readonly VehicleChoice[];
  actionData: ActionData | undefined;
  cancelHref?: string;
}) {
  const error = actionData?.error;
  const typed = actionData?.values;
  const busy = useNavigation().state === 'submitting';
  // Ids unique on the page: the edit form sits beside the one adding an option.
  const prefix = option ? `option-${option.id}-` : '';
  const current: Record<Exclude<OptionField, 'mode'>, string> | undefined = option
    ? {
        label: option.label,
        vehicleId: option.vehicleId ?? '',
        maxDistanceKm: option.maxDistanceKm != null ? String(option.maxDistanceKm).replace('.', ',') : '',
        feeCents: (option.feeCents / 100).toFixed(2).replace('.', ','),
        minOrderCents: (option.minOrderCents / 100).toFixed(2).replace('.', ','),
        cutoffHours: String(option.cutoffHours),
        address: option.address ?? '',
        openingHours: option.openingHours ?? '',
      }
    : undefined;
  const checkedDays = typed?.weekdays ?? option?.weekdays ?? [];
  const field = (
    name: Exclude<OptionField, 'mode'>,
    label: string,
    hint: string,
    props: Record<string, string> = {},
    choices?: ReactNode,
  ) => {
    const id = `${prefix}${name}`;
    const invalid = invalidProps(error, name, `${id}-error`);
    const control = {
      id,
      name,
      defaultValue: typed?.[name] ?? current?.[name] ?? (name === 'cutoffHours' ? '24' : undefined),
      ...props,
      ...invalid,
      'aria-describedby': [`${id}-hint`, invalid['aria-describedby']].filter(Boolean).join(' '),
    };
    return (
      <div className={`field field--${name}`}>
        <label htmlFor={id}>{label}</label>
        {choices ? <select {...control}>{choices}</select> : <input {...control} />}
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
        <FieldError error={error} field={name} id={`${id}-error`} />
      </div>
    );
  };
  const checkedMode = typed?.mode || option?.mode || 'PRODUCER_DELIVERY';
  // The mode chosen, followed as the radios change once the page runs its script (read as rendered without it).
  const [mode, setMode] = useState(checkedMode);
  // Only a pickup goes without a vehicle (the buyer's trip): for the others, « none » is not offered as a choice.
  const vehicleNeeded = mode !== 'PICKUP';
  const title = option ? `Modifier «\u00a0${option.label}\u00a0»` : null;
  return (
    <div className="stack">
      {title ? <h3 id={`option-${option!.id}`}>{title}</h3> : null}
      <FormAlert error={error} fields={ERROR_FIELDS} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="producteur" value={producerId} />
        <input type="hidden" name="intent" value={option ? 'update' : 'create'} />
        {option ? <input type="hidden" name="option" value={option.id} /> : null}
        {several ? <input type="hidden" name="plusieurs" value="1" /> : null}
        {option ? (
          <p>
            <strong>Mode&nbsp;:</strong> {DELIVERY_MODE_LABELS[option.mode]}{' '}
            <span className="small muted">(pour un autre mode, ajoutez un autre mode de livraison)</span>
            <input type="hidden" name="mode" value={option.mode} />
          </p>
        ) : (
          <fieldset aria-describedby={error?.field === 'mode' ? 'mode-error' : undefined}>
            <legend>Mode</legend>
            {MODES.map((choice) => (
              <label key={choice} className="choice">
                <input
                  type="radio"
                  name="mode"
                  value={choice}
                  defaultChecked={choice === checkedMode}
                  onChange={() => setMode(choice)}
                />
                <span>
                  {DELIVERY_MODE_LABELS[choice]}
                  <span className="field__hint delivery-mode__hint">{MODE_HINTS[choice]}</span>
                </span>
              </label>
            ))}
            <FieldError error={error} field="mode" id="mode-error" />
          </fieldset>
        )}
        {field(
          'label',
          'Nom du mode de livraison',
          'Ce que l’acheteur lit au moment de choisir\u00a0: «\u00a0Tournée du mardi\u00a0», «\u00a0Retrait à la ferme\u00a0»…',
        )}
        {field(
          'vehicleId',
          'Véhicule',
          vehicleNeeded
            ? 'Le véhicule qui transporte les commandes\u00a0: il sert à calculer l’empreinte carbone de la livraison. Il n’est facultatif que pour un retrait (le trajet de l’acheteur).'
            : 'Le véhicule avec lequel l’acheteur vient, s’il est connu\u00a0: il sert à calculer l’empreinte carbone de son trajet.',
          {},
          <>
            {/*
              For a delivery the empty choice only prompts, and is refused (by the API) next to the field. Not disabled:
              a disabled first option would leave the browser to select the first vehicle, unasked.
            */}
            <option value="">{vehicleNeeded ? 'Choisissez un véhicule' : 'Non précisé'}</option>
            {vehicleGroups(vehicles).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.vehicles.map((vehicle) => (
                  <option key={vehicle.id} value={vehicle.id}>
                    {vehicle.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </>,
        )}
        <div className="delivery-form__figures">
          {field('maxDistanceKm', 'Distance maximale (km)', 'Vide\u00a0: sans limite.', { inputMode: 'decimal' })}
          {field('feeCents', 'Frais de livraison (€ HT)', 'Vide ou 0\u00a0: gratuit.', { inputMode: 'decimal' })}
          {field('minOrderCents', 'Minimum de commande (€ HT)', 'Vide ou 0\u00a0: sans minimum.', {
            inputMode: 'decimal',
          })}
        </div>
        <fieldset
          className="weekday-choice"
          aria-describedby={[`${prefix}weekdays-hint`, error?.field === 'weekdays' ? `${prefix}weekdays-error` : '']
            .filter(Boolean)
            .join(' ')}
        >
          <legend>Jours de livraison</legend>
          <p className="field__hint" id={`${prefix}weekdays-hint`}>
            L’acheteur choisit l’un de ces jours pour sa commande. Aucun jour coché&nbsp;: il ne choisit pas de date.
          </p>
          <div className="weekday-choice__days">
            {WEEKDAYS.map(([day, name]) => (
              <label key={day} className="choice">
                <input type="checkbox" name="weekdays" value={day} defaultChecked={checkedDays.includes(day)} />
                <span>{name}</span>
              </label>
            ))}
          </div>
          <FieldError error={error} field="weekdays" id={`${prefix}weekdays-error`} />
        </fieldset>
        {field(
          'cutoffHours',
          'Fin des commandes (heures avant le jour de livraison)',
          '24\u00a0: les commandes ferment la veille à minuit\u00a0; 36\u00a0: l’avant-veille à midi\u00a0; 0\u00a0: jusqu’au jour même.',
          {
            inputMode: 'numeric',
          },
        )}
        <div className="delivery-form__pickup">
          {field(
            'address',
            'Adresse de retrait',
            'Pour un retrait seulement\u00a0: où l’acheteur vient chercher sa commande.',
            { autoComplete: 'off' },
          )}
          {field(
            'openingHours',
            'Horaires de retrait',
            'Pour un retrait seulement, par exemple «\u00a0Mercredi et samedi, 9 h – 12 h\u00a0».',
            { autoComplete: 'off' },
          )}
        </div>
        <div className="delivery-form__actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Enregistrement…' : option ? 'Enregistrer les modifications' : 'Ajouter ce mode de livraison'}
          </button>
          {cancelHref ? <Link to={cancelHref}>Annuler</Link> : null}
        </div>
      </Form>
    </div>
  );
}
