import { useEffect, useRef, useState } from 'react';
import { data, Link, useLocation, useRevalidator } from 'react-router';
import type { Route } from './+types/orders';
import { FormAlert } from '../../components/FieldError';
import { PickListTable } from '../../components/producer/PickListTable';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { VerificationNotice } from '../../components/VerificationNotice';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { SupplierOrderCard, type MoveFailure } from '../../components/producer/SupplierOrderCard';
import { pickList } from '../../components/producer/pick-list';
import { DeliveryDays } from '../../components/producer/DeliveryDays';
import { DeliveryRounds, type RoundFailure, type RoundReport } from '../../components/producer/DeliveryRoundForm';
import {
  ROUND_PART_FIELDS,
  isRoundReading,
  readingOf,
  roundCandidates,
  roundMessage,
} from '../../components/producer/delivery-round';
import { DELIVERY_DAY_PART_FIELDS, deliveryDays } from '../../components/producer/delivery-days';
import {
  SUPPLIER_ORDER_CARD_FIELDS,
  isSupplierOrderStatus,
  type SupplierOrderCardData,
  type SupplierOrderStatus,
} from '../../components/producer/supplier-order';
import { graphql } from '../../graphql';
import { allPages } from '../../lib/all-pages';
import { ApiError } from '../../lib/api-error';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { PRODUCER_STATUS_LABELS } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const PAGE_SIZE = 20;
/** The most orders the pick list adds up (the API's largest page). */
const PICK_LIST_SIZE = 100;

const SUPPLIER_ORDERS = graphql(
  `
    query ProducerSupplierOrders($producerId: ID!, $status: SupplierOrderStatus, $first: Int!, $after: String) {
      supplierOrders(producerId: $producerId, status: $status, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...SupplierOrderCardFields
          }
        }
      }
    }
  `,
  [SUPPLIER_ORDER_CARD_FIELDS],
);

const PICK_LIST = graphql(`
  query ProducerPickList($producerId: ID!, $first: Int!) {
    supplierOrders(producerId: $producerId, status: CONFIRMED, first: $first) {
      totalCount
      edges {
        node {
          lines {
            productId
            name
            quantity
            unit
          }
        }
      }
    }
  }
`);

/** The parts at one step in progress, a page (the API's largest) from `after`: all of them, grouped by delivery day. */
const DELIVERY_DAY_PARTS = graphql(
  `
    query ProducerDeliveryDays($producerId: ID!, $status: SupplierOrderStatus!, $first: Int!, $after: String) {
      supplierOrders(producerId: $producerId, status: $status, first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...DeliveryDayPartFields
          }
        }
      }
    }
  `,
  [DELIVERY_DAY_PART_FIELDS],
);

/** The parts delivered since an instant, a page (the API's largest) from `after`: the rounds the producer may report. */
const DELIVERED_PARTS = graphql(
  `
    query ProducerDeliveredParts($producerId: ID!, $since: DateTime!, $first: Int!, $after: String) {
      supplierOrders(producerId: $producerId, status: DELIVERED, deliveredSince: $since, first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RoundPartFields
          }
        }
      }
    }
  `,
  [ROUND_PART_FIELDS],
);

const REPORT_DELIVERY_ROUND = graphql(
  `
    mutation ReportDeliveryRound($producerId: ID!, $supplierOrderIds: [ID!]!, $odometerKm: Float, $fuelLitres: Float) {
      reportDeliveryRound(
        producerId: $producerId
        supplierOrderIds: $supplierOrderIds
        odometerKm: $odometerKm
        fuelLitres: $fuelLitres
      ) {
        ...RoundPartFields
      }
    }
  `,
  [ROUND_PART_FIELDS],
);

/** The rounds to report are those of the parts delivered in the last four weeks, every one of them. */
const ROUND_DAYS = 28;

/** How often the page reads the orders again while it is shown; `?actualiser=<s>` (2 to 60) shortens it for tests. */
const POLL_SECONDS = 20;
const pollSecondsOf = (param: string | null): number => {
  const asked = Number(param);
  return Number.isInteger(asked) && asked >= 2 && asked <= 60 ? asked : POLL_SECONDS;
};

const MOVE_SUPPLIER_ORDER = graphql(`
  mutation MoveSupplierOrder($id: ID!, $status: SupplierOrderStatus!, $odometerKm: Float, $reason: String) {
    updateSupplierOrderStatus(id: $id, status: $status, odometerKm: $odometerKm, reason: $reason) {
      id
      orderNumber
      status
    }
  }
`);

interface Group {
  status: SupplierOrderStatus;
  /** `?statut=` of the group's own list, paged. */
  slug: string;
  title: string;
  /** What to do with the orders of this group. */
  hint: string;
  empty: string;
}

/** The orders in progress, in the order of their life. */
const ACTIVE_GROUPS: readonly Group[] = [
  {
    status: 'PLACED',
    slug: 'a-confirmer',
    title: 'À confirmer',
    hint: 'Vérifiez que vous pouvez honorer ces commandes, puis confirmez-les\u00a0: l’acheteur en est prévenu par e-mail.',
    empty: 'Aucune nouvelle commande à confirmer.',
  },
  {
    status: 'CONFIRMED',
    slug: 'a-preparer',
    title: 'À préparer',
    hint: 'Préparez ces commandes avec les quantités totales ci-dessous, puis marquez-les prêtes.',
    empty: 'Aucune commande à préparer\u00a0: confirmez d’abord les nouvelles commandes.',
  },
  {
    status: 'READY',
    slug: 'pretes',
    title: 'Prêtes',
    hint: 'Expédiez-les quand elles partent, ou quand l’acheteur vient les retirer.',
    empty: 'Aucune commande prête.',
  },
  {
    status: 'SHIPPED',
    slug: 'en-route',
    title: 'En route',
    hint: 'Marquez-les livrées une fois remises. Si vous avez livré vous-même, indiquez les kilomètres parcourus.',
    empty: 'Aucune commande en route.',
  },
];

const DONE_GROUPS: readonly Group[] = [
  {
    status: 'DELIVERED',
    slug: 'livrees',
    title: 'Livrées',
    hint: 'Les commandes remises à leurs acheteurs, des plus récentes aux plus anciennes.',
    empty: 'Aucune commande livrée pour l’instant.',
  },
  {
    status: 'CANCELLED',
    slug: 'annulees',
    title: 'Annulées',
    hint: 'Les commandes annulées, par vous ou par l’acheteur avant votre confirmation.',
    empty: 'Aucune commande annulée.',
  },
];

const GROUPS = [...ACTIVE_GROUPS, ...DONE_GROUPS];
const groupOfSlug = (slug: string | null) => GROUPS.find((group) => group.slug === slug);
const groupOfStatus = (status: SupplierOrderStatus) => GROUPS.find((group) => group.status === status)!;
/** The page's title: delivered and cancelled orders are not « à préparer », their tab names them. */
const titleOf = (slug: string | null) => {
  const done = DONE_GROUPS.find((group) => group.slug === slug);
  return done ? `Commandes ${done.title.toLowerCase()}` : 'Commandes à préparer';
};

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${titleOf(loaderData?.kind === 'list' ? loaderData.slug : null)} — Ancrage` },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  const { producer } = choice;
  if (!producer) return { kind: 'not-a-producer' as const };
  const params = new URL(request.url).searchParams;
  const caller = callerOf(context);
  const ordersIn = (status: SupplierOrderStatus, after: string | null = null) =>
    apiQuery(caller, SUPPLIER_ORDERS, { producerId: producer.id, status, first: PAGE_SIZE, after }).then(
      (result) => result.supplierOrders,
    );

  const pollSeconds = pollSecondsOf(params.get('actualiser'));
  const group = groupOfSlug(params.get('statut'));
  if (group) {
    const after = params.get('apres');
    return {
      kind: 'list' as const,
      ...choice,
      producer,
      pollSeconds,
      slug: group.slug,
      page: await ordersIn(group.status, after),
      paged: Boolean(after),
    };
  }
  // Every part in progress, step by step and page after page: a busy week's days are shown whole, not its last 100.
  const inProgress = (status: SupplierOrderStatus) =>
    allPages((after) =>
      apiQuery(caller, DELIVERY_DAY_PARTS, { producerId: producer.id, status, first: PICK_LIST_SIZE, after }).then(
        (result) => result.supplierOrders,
      ),
    );
  const deliveredSince = new Date(Date.now() - ROUND_DAYS * 86_400_000).toISOString();
  const [pages, toPrepare, inProgressParts, delivered] = await Promise.all([
    Promise.all(ACTIVE_GROUPS.map((active) => ordersIn(active.status))),
    apiQuery(caller, PICK_LIST, { producerId: producer.id, first: PICK_LIST_SIZE }).then(
      (result) => result.supplierOrders,
    ),
    Promise.all(ACTIVE_GROUPS.map((active) => inProgress(active.status))).then((lists) => lists.flat()),
    allPages((after) =>
      apiQuery(caller, DELIVERED_PARTS, {
        producerId: producer.id,
        since: deliveredSince,
        first: PICK_LIST_SIZE,
        after,
      }).then((result) => result.supplierOrders),
    ),
  ]);
  const preparing = toPrepare.edges.map((edge) => edge.node);
  return {
    kind: 'overview' as const,
    ...choice,
    producer,
    pages,
    pick: { items: pickList(preparing), orderCount: toPrepare.totalCount, coveredCount: preparing.length },
    days: deliveryDays(inProgressParts),
    // The three most recent days of those four weeks with rounds to report: older ones are rarely reported late.
    rounds: roundCandidates(delivered).slice(0, 3),
    pollSeconds,
  };
}

interface ActionResult {
  moved: { id: string; orderNumber: string; status: SupplierOrderStatus } | null;
  failed: (MoveFailure & { orderId: string }) | null;
  round: RoundReport | null;
  roundFailed: RoundFailure | null;
}

const NOTHING_DONE: ActionResult = { moved: null, failed: null, round: null, roundFailed: null };

/** « Déclarer la tournée »: the ticked orders and the one reading, to `reportDeliveryRound`. */
async function reportRound(form: FormData, producerId: string, caller: ReturnType<typeof callerOf>) {
  const key = String(form.get('tournee') ?? '');
  const orderIds = form.getAll('commande').map(String);
  const releve = form.get('releve');
  const reading = isRoundReading(releve) ? releve : 'odometerKm';
  const typed = String(form.get('valeur') ?? '');
  const failed = (error: FormError) =>
    data<ActionResult>({ ...NOTHING_DONE, roundFailed: { key, error, orderIds, reading, typed } }, { status: 400 });
  const value = readingOf(typed);
  if (value === null) {
    return failed({
      message:
        reading === 'odometerKm'
          ? 'Saisissez les kilomètres de la tournée, par exemple 48 ou 48,5.'
          : 'Saisissez les litres de carburant, par exemple 6,5.',
      code: 'BAD_USER_INPUT',
      field: 'valeur',
    });
  }
  try {
    const { reportDeliveryRound } = await apiMutation(caller, REPORT_DELIVERY_ROUND, {
      producerId,
      supplierOrderIds: orderIds,
      odometerKm: reading === 'odometerKm' ? value : null,
      fuelLitres: reading === 'fuelLitres' ? value : null,
    });
    return data<ActionResult>({ ...NOTHING_DONE, round: { key, parts: reportDeliveryRound } });
  } catch (error) {
    const french = error instanceof ApiError ? roundMessage(error.message) : null;
    const formError = formErrorOf(error);
    return failed(french ? { ...formError, message: french } : formError);
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  if (form.get('intent') === 'tournee') {
    const { producer } = await chooseProducer(request, context);
    if (!producer) throw data('Réservé aux producteurs.', { status: 403 });
    return reportRound(form, producer.id, callerOf(context));
  }
  const orderId = String(form.get('commande') ?? '');
  const status = form.get('statut');
  if (!isSupplierOrderStatus(status)) throw data('Action inconnue.', { status: 400 });
  const odometerText = String(form.get('odometerKm') ?? '').trim();
  const reason = String(form.get('reason') ?? '').trim() || null;
  const failed = (error: FormError) =>
    data<ActionResult>({ ...NOTHING_DONE, failed: { orderId, error, odometerText } }, { status: 400 });

  const odometerKm = odometerText === '' ? null : Number(odometerText.replace(',', '.'));
  if (odometerKm !== null && !Number.isFinite(odometerKm)) {
    return failed({
      message: 'Saisissez un nombre de kilomètres, par exemple 24,5.',
      code: 'BAD_USER_INPUT',
      field: 'odometerKm',
    });
  }
  try {
    const { updateSupplierOrderStatus } = await apiMutation(callerOf(context), MOVE_SUPPLIER_ORDER, {
      id: orderId,
      status,
      odometerKm,
      reason,
    });
    return data<ActionResult>({ ...NOTHING_DONE, moved: updateSupplierOrderStatus });
  } catch (error) {
    return failed(formErrorOf(error));
  }
}

/**
 * The last answer of the page's action, kept while the page stays where it is: the poll's revalidations would
 * otherwise clear what the producer was just told (a move, a round); a navigation (a tab, a page) clears it.
 */
function useLastingActionData<T>(actionData: T | undefined): T | undefined {
  const { key } = useLocation();
  const [kept, setKept] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (actionData !== undefined) setKept({ key, value: actionData });
  }, [actionData, key]);
  return actionData ?? (kept?.key === key ? kept.value : undefined);
}

export default function ProducerOrders({ loaderData, actionData: answered }: Route.ComponentProps) {
  const actionData = useLastingActionData(answered);
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, unknownProducer } = loaderData;
  /** A link to another view of this page, for the same producer. */
  const hrefOf = (search: Record<string, string> = {}) => {
    const params = new URLSearchParams(producers.length > 1 ? { producteur: producer.id, ...search } : search);
    return params.size ? `/producteur?${params}` : '/producteur';
  };
  const shownOrders = loaderData.kind === 'list' ? nodesOf(loaderData.page) : loaderData.pages.flatMap(nodesOf);
  const failure = actionData?.failed;
  const failureOf = (order: SupplierOrderCardData): MoveFailure | undefined =>
    failure?.orderId === order.id ? failure : undefined;
  const currentSlug = loaderData.kind === 'list' ? loaderData.slug : null;
  const doneGroup = DONE_GROUPS.find((group) => group.slug === currentSlug);
  // The orders to confirm, which a new order adds to (null on a list of another step).
  const placedCount = loaderData.kind === 'overview' ? loaderData.pages[0].totalCount : null;
  return (
    <div className="stack producer-orders">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>{titleOf(currentSlug)}</h1>
      <p className="muted">
        Les commandes reçues par <strong>{producer.name}</strong>. Chaque changement d’étape est envoyé par e-mail à
        l’acheteur.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <VerificationNotice kind="PRODUCER" name={producer.name} status={producer.verificationStatus} />
      <nav className="producer-tabs" aria-label="Commandes par étape">
        <Link to={hrefOf()} aria-current={doneGroup ? undefined : 'page'}>
          En cours
        </Link>
        {DONE_GROUPS.map((group) => (
          <Link
            key={group.slug}
            to={hrefOf({ statut: group.slug })}
            aria-current={group.slug === currentSlug ? 'page' : undefined}
          >
            {group.title}
          </Link>
        ))}
      </nav>
      <NewOrders count={placedCount} pollSeconds={loaderData.pollSeconds} />
      <MoveOutcome actionData={actionData} hrefOf={hrefOf} />
      {failure && !shownOrders.some((order) => order.id === failure.orderId) ? (
        <FormAlert error={failure.error} fields={[]} />
      ) : null}
      {loaderData.kind === 'list' ? (
        <GroupList
          group={groupOfSlug(loaderData.slug)!}
          page={loaderData.page}
          paged={loaderData.paged}
          hrefOf={hrefOf}
          failureOf={failureOf}
        />
      ) : (
        <>
          {loaderData.days.length ? (
            <DeliveryDays
              days={loaderData.days}
              preparationHrefOf={(date) =>
                producers.length > 1
                  ? `/producteur/preparation/${date}?producteur=${producer.id}`
                  : `/producteur/preparation/${date}`
              }
            />
          ) : null}
          <Overview pages={loaderData.pages} pick={loaderData.pick} hrefOf={hrefOf} failureOf={failureOf} />
          <DeliveryRounds
            candidates={loaderData.rounds}
            report={actionData?.round ?? null}
            failure={actionData?.roundFailed ?? null}
          />
        </>
      )}
    </div>
  );
}

interface OrdersPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: SupplierOrderCardData }[];
}

const nodesOf = (page: OrdersPage) => page.edges.map((edge) => edge.node);
const ordersWord = (count: number) => `${count} commande${count > 1 ? 's' : ''}`;

type HrefOf = (search?: Record<string, string>) => string;
type FailureOf = (order: SupplierOrderCardData) => MoveFailure | undefined;

/**
 * New orders without a reload: the page reads its orders again every `pollSeconds` while it is shown (not while the
 * tab is hidden, and at once when it comes back), and says « Nouvelle commande » when the orders to confirm grow.
 */
function NewOrders({ count, pollSeconds }: { count: number | null; pollSeconds: number }) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const busy = useRef(false);
  busy.current = revalidator.state !== 'idle';
  useEffect(() => {
    const poll = () => {
      if (document.visibilityState === 'visible' && !busy.current) void revalidate.current();
    };
    const timer = window.setInterval(poll, pollSeconds * 1000);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [pollSeconds]);

  const previous = useRef(count);
  const [arrived, setArrived] = useState(0);
  useEffect(() => {
    if (count !== null && previous.current !== null && count > previous.current)
      setArrived((before) => before + count - previous.current!);
    previous.current = count;
  }, [count]);
  return (
    <div aria-live="polite" aria-atomic="true" className={arrived ? 'alert alert--info' : undefined}>
      {arrived ? (
        <>
          <strong>{arrived > 1 ? 'Nouvelles commandes' : 'Nouvelle commande'}</strong>&nbsp;:{' '}
          {arrived > 1 ? `${arrived} commandes arrivées` : 'une commande est arrivée'} depuis l’ouverture de la page, à
          confirmer ci-dessous.
        </>
      ) : null}
    </div>
  );
}

/** Said after a move, where screen readers hear it: the order's new state, and a link to where it now sits. */
function MoveOutcome({ actionData, hrefOf }: { actionData: ActionResult | undefined; hrefOf: HrefOf }) {
  const moved = actionData?.moved;
  const group = moved ? groupOfStatus(moved.status) : undefined;
  const anchor = moved ? `#commande-${moved.id}` : '';
  return (
    <div role="status" className={moved ? 'alert alert--info' : undefined}>
      {moved && group ? (
        <>
          La commande {moved.orderNumber} est maintenant «&nbsp;{PRODUCER_STATUS_LABELS[moved.status]}&nbsp;».{' '}
          <Link to={ACTIVE_GROUPS.includes(group) ? anchor : `${hrefOf({ statut: group.slug })}${anchor}`}>
            Voir la commande
          </Link>
        </>
      ) : null}
    </div>
  );
}

function Overview({
  pages,
  pick,
  hrefOf,
  failureOf,
}: {
  pages: OrdersPage[];
  pick: { items: ReturnType<typeof pickList>; orderCount: number; coveredCount: number };
  hrefOf: HrefOf;
  failureOf: FailureOf;
}) {
  if (pages.every((page) => page.totalCount === 0)) {
    return (
      <div className="empty-state">
        <p>
          <strong>Aucune commande en cours.</strong> Les nouvelles commandes apparaîtront ici, et vous en serez prévenu
          par e-mail.
        </p>
        <p>Pour en recevoir, gardez vos produits en stock et vos modes de livraison à jour.</p>
        <p>
          <Link to={hrefOf({ statut: 'livrees' })}>Voir les commandes livrées</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      {ACTIVE_GROUPS.map((group, index) => {
        const page = pages[index];
        return (
          <section key={group.slug} className="producer-group" aria-labelledby={`groupe-${group.slug}`}>
            <GroupHeading group={group} count={page.totalCount} />
            {group.status === 'CONFIRMED' && pick.items.length > 0 ? <PickListTable {...pick} /> : null}
            <OrderCards orders={nodesOf(page)} empty={group.empty} failureOf={failureOf} />
            {page.pageInfo.hasNextPage ? (
              <p>
                <Link to={hrefOf({ statut: group.slug })}>
                  Voir les {page.totalCount} commandes «&nbsp;{group.title}&nbsp;»
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

function GroupList({
  group,
  page,
  paged,
  hrefOf,
  failureOf,
}: {
  group: Group;
  page: OrdersPage;
  paged: boolean;
  hrefOf: HrefOf;
  failureOf: FailureOf;
}) {
  const firstPage = hrefOf({ statut: group.slug });
  return (
    <section className="producer-group" aria-labelledby={`groupe-${group.slug}`}>
      <GroupHeading group={group} count={page.totalCount} />
      <OrderCards orders={nodesOf(page)} empty={group.empty} failureOf={failureOf} />
      {paged || page.pageInfo.hasNextPage ? (
        <nav className="pagination" aria-label={`Pages des commandes «\u00a0${group.title}\u00a0»`}>
          {paged ? <Link to={firstPage}>Les plus récentes</Link> : <span />}
          {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
            <Link to={hrefOf({ statut: group.slug, apres: page.pageInfo.endCursor })}>Commandes plus anciennes</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function GroupHeading({ group, count }: { group: Group; count: number }) {
  return (
    <>
      <h2 id={`groupe-${group.slug}`} className="producer-group__title">
        {group.title} <span className="producer-group__count">({ordersWord(count)})</span>
      </h2>
      <p className="small muted">{group.hint}</p>
    </>
  );
}

function OrderCards({
  orders,
  empty,
  failureOf,
}: {
  orders: SupplierOrderCardData[];
  empty: string;
  failureOf: FailureOf;
}) {
  if (orders.length === 0) return <p className="producer-group__empty">{empty}</p>;
  return (
    <div className="producer-group__orders">
      {orders.map((order) => (
        <SupplierOrderCard key={order.id} order={order} failure={failureOf(order)} />
      ))}
    </div>
  );
}
