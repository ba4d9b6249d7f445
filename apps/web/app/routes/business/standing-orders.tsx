import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/standing-orders';
import { BusinessesOnly } from '../../components/business/BusinessesOnly';
import { BusinessSwitch } from '../../components/business/BusinessSwitch';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { graphql } from '../../graphql';
import { type FormError, apiMutation, apiQuery, formErrorOf } from '../../lib/api.server';
import { date, deliveryDay, quantityWithUnit } from '../../lib/format';
import { callerOf } from '../../lib/session.server';
import { chooseBusiness } from './rse.server';
import { VerificationNotice } from '../../components/VerificationNotice';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const STATUS_LABELS: Record<string, string> = { ACTIVE: 'Active', PAUSED: 'En pause', ENDED: 'Arrêtée' };

const STANDING_ORDERS = graphql(`
  query StandingOrders($organizationId: ID!) {
    standingOrders(organizationId: $organizationId) {
      id
      name
      status
      weekdays
      startsOn
      endsOn
      lines {
        productId
        quantity
        product {
          name
          unit
          producer {
            name
          }
        }
      }
      nextOccurrences(first: 4)
      occurrences(first: 6) {
        deliveryDate
        status
        orderId
        reason
      }
    }
  }
`);

/** The order a standing order is made from: its lines and, for each producer, the option it delivered with. */
const SOURCE_ORDER = graphql(`
  query StandingOrderSource($id: ID!) {
    order(id: $id) {
      id
      number
      buyerOrganization {
        id
      }
      supplierOrders {
        status
        producer {
          id
          name
          deliveryOptions {
            id
            weekdays
          }
        }
        deliveryOption {
          id
          label
        }
        lines {
          productId
          name
          quantity
          unit
        }
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateStandingOrder($input: CreateStandingOrderInput!) {
    createStandingOrder(input: $input) {
      id
    }
  }
`);
const PAUSE = graphql(`
  mutation PauseStandingOrder($id: ID!) {
    pauseStandingOrder(id: $id) {
      id
    }
  }
`);
const RESUME = graphql(`
  mutation ResumeStandingOrder($id: ID!) {
    resumeStandingOrder(id: $id) {
      id
    }
  }
`);
const END = graphql(`
  mutation EndStandingOrder($id: ID!) {
    endStandingOrder(id: $id) {
      id
    }
  }
`);

type Caller = ReturnType<typeof callerOf>;

/** What a new standing order repeats, read from one of the business's orders (parts not cancelled). */
async function templateOf(caller: Caller, orderId: string, businessId: string) {
  const { order } = await apiQuery(caller, SOURCE_ORDER, { id: orderId }).catch(() => ({ order: null }));
  if (!order || order.buyerOrganization?.id !== businessId) return null;
  const parts = order.supplierOrders.filter((part) => part.status !== 'CANCELLED');
  if (parts.length === 0) return null;
  const producers = parts.map((part) => ({
    name: part.producer.name,
    option: part.deliveryOption.label,
    // Days of the option it delivered with: none means any day.
    weekdays: part.producer.deliveryOptions.find((option) => option.id === part.deliveryOption.id)?.weekdays ?? [],
    lines: part.lines,
  }));
  const open = [1, 2, 3, 4, 5, 6, 7].filter((day) =>
    producers.every((producer) => producer.weekdays.length === 0 || producer.weekdays.includes(day)),
  );
  return {
    orderId: order.id,
    number: order.number,
    producers,
    open,
    input: {
      lines: parts.flatMap((part) =>
        part.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
      ),
      deliveries: parts.map((part) => ({ producerId: part.producer.id, deliveryOptionId: part.deliveryOption.id })),
    },
  };
}

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

export const meta: Route.MetaFunction = () => [
  { title: 'Commandes récurrentes — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBusiness(request, context);
  if (!choice.business) return { kind: 'not-a-business' as const };
  const caller = callerOf(context);
  const params = new URL(request.url).searchParams;
  const from = params.get('depuis');
  const [{ standingOrders }, template] = await Promise.all([
    apiQuery(caller, STANDING_ORDERS, { organizationId: choice.business.id }),
    from ? templateOf(caller, from, choice.business.id) : Promise.resolve(null),
  ]);
  return {
    kind: 'business' as const,
    ...choice,
    business: choice.business,
    standingOrders,
    template,
    unknownOrder: Boolean(from && !template),
    today: parisToday(),
    created: params.has('creee'),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const caller = callerOf(context);
  const form = await request.formData();
  const intent = String(form.get('intent'));
  const organisation = String(form.get('organisation') ?? '');
  const back = `/pro/commandes-recurrentes?organisation=${encodeURIComponent(organisation)}`;
  try {
    if (intent === 'create') {
      const template = await templateOf(caller, String(form.get('orderId')), organisation);
      if (!template)
        return {
          intent,
          error: {
            message: 'Cette commande n’est plus disponible\u00a0: repartez de vos commandes.',
            code: 'NOT_FOUND',
          } as FormError,
        };
      await apiMutation(caller, CREATE, {
        input: {
          buyerOrganizationId: organisation,
          name: String(form.get('name') ?? ''),
          weekdays: form.getAll('weekdays').map(Number),
          startsOn: String(form.get('startsOn') ?? ''),
          endsOn: String(form.get('endsOn') ?? '') || null,
          ...template.input,
        },
      });
      return redirect(`${back}&creee`);
    }
    const id = String(form.get('id'));
    if (intent === 'pause') await apiMutation(caller, PAUSE, { id });
    else if (intent === 'resume') await apiMutation(caller, RESUME, { id });
    else if (intent === 'end') await apiMutation(caller, END, { id });
    else return { intent, error: { message: 'Action inconnue.', code: 'BAD_USER_INPUT' } as FormError };
    return redirect(back);
  } catch (failure) {
    return {
      intent,
      id: String(form.get('id') ?? ''),
      error: formErrorOf(failure),
      values: Object.fromEntries(
        [...form.entries()].filter(([key]) => key !== 'weekdays').map(([key, value]) => [key, String(value)]),
      ),
      weekdays: form.getAll('weekdays').map(Number),
    };
  }
}

export default function StandingOrders({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-business')
    return (
      <BusinessesOnly
        title="Commandes récurrentes"
        purpose="Elles y programment les commandes qu’elles passent chaque semaine à leurs producteurs."
      />
    );
  const { business, businesses, unknownBusiness, standingOrders, template, unknownOrder, today, created } = loaderData;
  return (
    <div className="stack standing-orders">
      <h1>Commandes récurrentes</h1>
      <p className="muted">
        Les commandes que <strong>{business.name}</strong> passe chaque semaine aux mêmes producteurs. Chaque livraison
        est commandée pour vous, sur facture, la veille de la fin des commandes du producteur&nbsp;; si elle ne peut pas
        l’être (stock, jour fermé…), vous recevez un e-mail qui dit pourquoi.
      </p>
      <BusinessSwitch businesses={businesses} current={business} unknownBusiness={unknownBusiness} />
      <VerificationNotice kind="BUSINESS" name={business.name} status={business.verificationStatus} />
      {created ? (
        <div className="alert alert--success" role="status">
          Commande récurrente créée&nbsp;: ses prochaines livraisons sont listées ci-dessous.
        </div>
      ) : null}
      {unknownOrder ? (
        <div className="alert alert--warning" role="alert">
          Cette commande n’est pas une commande de {business.name}, ou tous ses producteurs ont été annulés.
        </div>
      ) : null}
      {template ? (
        <NewStandingOrder
          template={template}
          organisation={business.id}
          today={today}
          result={actionData?.intent === 'create' ? actionData : undefined}
        />
      ) : (
        <p>
          Pour en créer une, ouvrez une commande passée dans <Link to="/commandes">vos commandes</Link> et choisissez
          «&nbsp;Commander ceci chaque semaine&nbsp;».
        </p>
      )}
      <section className="stack" aria-labelledby="liste-titre">
        <h2 id="liste-titre">Vos commandes récurrentes</h2>
        {standingOrders.length === 0 ? (
          <p className="empty-state">Aucune commande récurrente pour l’instant.</p>
        ) : (
          <ul className="standing-list">
            {standingOrders.map((standing) => (
              <StandingOrderCard
                key={standing.id}
                standing={standing}
                organisation={business.id}
                error={actionData && 'id' in actionData && actionData.id === standing.id ? actionData.error : null}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

type Template = NonNullable<Awaited<ReturnType<typeof templateOf>>>;
type CreateResult = { error: FormError; values?: Record<string, string>; weekdays?: number[] };

function NewStandingOrder({
  template,
  organisation,
  today,
  result,
}: {
  template: Template;
  organisation: string;
  today: string;
  result?: CreateResult;
}) {
  const busy = useNavigation().formData?.get('intent') === 'create';
  const error = result?.error;
  const values = result?.values ?? {};
  const checked = result?.weekdays ?? [];
  return (
    <section className="card stack" aria-labelledby="nouvelle-titre">
      <h2 id="nouvelle-titre">Nouvelle commande récurrente, d’après la commande {template.number}</h2>
      <ul className="standing-template">
        {template.producers.map((producer) => (
          <li key={producer.name}>
            <strong>{producer.name}</strong> — {producer.option}
            {producer.weekdays.length ? (
              <span className="muted">
                {' '}
                (livre le {producer.weekdays.map((day) => WEEKDAYS[day - 1]).join(', le ')})
              </span>
            ) : null}
            <ul>
              {producer.lines.map((line) => (
                <li key={line.productId}>
                  {line.name}&nbsp;: {quantityWithUnit(line.quantity, line.unit)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="orderId" value={template.orderId} />
        <input type="hidden" name="organisation" value={organisation} />
        <FormAlert error={error} fields={['name', 'weekdays', 'startsOn', 'endsOn']} />
        <div className="field">
          <label htmlFor="name">Nom</label>
          <input
            id="name"
            name="name"
            maxLength={120}
            defaultValue={String(values.name ?? '')}
            placeholder="Légumes du jeudi"
            {...invalidProps(error, 'name', 'name-error')}
          />
          <FieldError error={error} field="name" id="name-error" />
        </div>
        <fieldset className="field" {...invalidProps(error, 'weekdays', 'weekdays-error')}>
          <legend>Jours de livraison</legend>
          <div className="weekday-choices">
            {WEEKDAYS.map((name, index) => {
              const day = index + 1;
              const open = template.open.includes(day);
              return (
                <label key={day} className={open ? undefined : 'muted'}>
                  <input
                    type="checkbox"
                    name="weekdays"
                    value={day}
                    defaultChecked={checked.includes(day)}
                    disabled={!open}
                  />{' '}
                  {name}
                </label>
              );
            })}
          </div>
          {template.open.length < 7 ? (
            <p className="small muted">Seuls les jours où chaque producteur livre peuvent être choisis.</p>
          ) : null}
          <FieldError error={error} field="weekdays" id="weekdays-error" />
        </fieldset>
        <div className="grid">
          <div className="field">
            <label htmlFor="startsOn">Première livraison possible</label>
            <input
              id="startsOn"
              name="startsOn"
              type="date"
              required
              min={today}
              defaultValue={String(values.startsOn ?? today)}
              {...invalidProps(error, 'startsOn', 'startsOn-error')}
            />
            <FieldError error={error} field="startsOn" id="startsOn-error" />
          </div>
          <div className="field">
            <label htmlFor="endsOn">Dernière livraison (facultatif)</label>
            <input
              id="endsOn"
              name="endsOn"
              type="date"
              min={today}
              defaultValue={String(values.endsOn ?? '')}
              {...invalidProps(error, 'endsOn', 'endsOn-error')}
            />
            <FieldError error={error} field="endsOn" id="endsOn-error" />
          </div>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Création…' : 'Créer la commande récurrente'}
        </button>
      </Form>
    </section>
  );
}

type Standing = Route.ComponentProps['loaderData'] extends infer Data
  ? Data extends { standingOrders: (infer Item)[] }
    ? Item
    : never
  : never;

function StandingOrderCard({
  standing,
  organisation,
  error,
}: {
  standing: Standing;
  organisation: string;
  error: FormError | null | undefined;
}) {
  const titleId = `standing-${standing.id}`;
  const days = standing.weekdays.map((day) => WEEKDAYS[day - 1]).join(', ');
  return (
    <li className="card stack standing-card" aria-labelledby={titleId}>
      <div className="standing-card__head">
        <h3 id={titleId}>{standing.name}</h3>
        <span className={standing.status === 'ACTIVE' ? 'tag tag--label' : 'tag tag--status'}>
          {STATUS_LABELS[standing.status] ?? standing.status}
        </span>
      </div>
      <p>
        Livraison chaque {days}, du {date(standing.startsOn)}
        {standing.endsOn ? ` au ${date(standing.endsOn)}` : ', sans date de fin'}.
      </p>
      <ul className="standing-card__lines">
        {standing.lines.map((line) => (
          <li key={line.productId}>
            {line.product
              ? `${line.product.name} (${line.product.producer.name})\u00a0: ${quantityWithUnit(line.quantity, line.product.unit)}`
              : `Produit retiré de la vente\u00a0: ${line.quantity}`}
          </li>
        ))}
      </ul>
      {standing.status === 'ACTIVE' ? (
        <p>
          <strong>Prochaines livraisons&nbsp;:</strong>{' '}
          {standing.nextOccurrences.length
            ? standing.nextOccurrences.map(deliveryDay).join(', ')
            : 'aucune d’ici la date de fin.'}
        </p>
      ) : null}
      {standing.occurrences.length ? (
        <div className="stack">
          <h4>Dernières livraisons</h4>
          <ul className="standing-card__occurrences">
            {standing.occurrences.map((occurrence) => (
              <li key={occurrence.deliveryDate}>
                {deliveryDay(occurrence.deliveryDate)}&nbsp;:{' '}
                {occurrence.status === 'PLACED' && occurrence.orderId ? (
                  <Link to={`/commandes/${occurrence.orderId}`}>commandée</Link>
                ) : (
                  <span className="standing-card__skipped">non commandée — {occurrence.reason}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormAlert error={error} fields={[]} />
      {standing.status !== 'ENDED' ? (
        <div className="standing-card__actions">
          <Form method="post">
            <input type="hidden" name="organisation" value={organisation} />
            <input type="hidden" name="id" value={standing.id} />
            {standing.status === 'ACTIVE' ? (
              <button type="submit" name="intent" value="pause" className="button--secondary">
                Mettre en pause
              </button>
            ) : (
              <button type="submit" name="intent" value="resume" className="button--secondary">
                Reprendre
              </button>
            )}
          </Form>
          <details className="standing-card__end">
            <summary>Arrêter…</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="organisation" value={organisation} />
              <input type="hidden" name="id" value={standing.id} />
              <p className="small">
                Plus aucune livraison ne sera commandée&nbsp;; les commandes déjà passées restent.
              </p>
              <button type="submit" name="intent" value="end" className="button--danger">
                Arrêter définitivement
              </button>
            </Form>
          </details>
        </div>
      ) : null}
    </li>
  );
}
