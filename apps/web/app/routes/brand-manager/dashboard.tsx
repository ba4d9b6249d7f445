import { Link } from 'react-router';
import type { Route } from './+types/dashboard';
import { FormAlert } from '../../components/FieldError';
import { BarChart } from '../../components/charts/BarChart';
import type { ChartSeries } from '../../components/charts/ChartFigure';
import { ChartTable, ColumnCell, type TableColumn } from '../../components/charts/ChartTable';
import { ColumnChart } from '../../components/charts/ColumnChart';
import { CarbonVerdict } from '../../components/rse/CarbonDifference';
import { DataTiers } from '../../components/rse/DataTiers';
import { EmissionsByMonth } from '../../components/rse/EmissionsByMonth';
import { MethodNote } from '../../components/rse/MethodNote';
import { ReportFilters } from '../../components/rse/ReportFilters';
import { periodOf } from '../../components/rse/period';
import { graphql, type ResultOf } from '../../graphql';
import { apiQuery, formErrorOf } from '../../lib/api.server';
import { countOf, date, euros, kgCo2e, monthInitial, monthName, monthTick } from '../../lib/format';
import { callerOf } from '../../lib/session.server';
import {
  BrandManagersOnly,
  brandPageHref,
  PendingVerificationNotice,
  territoryOf,
  UnknownBrandNotice,
} from './brand-pages';
import { chooseBrand } from './brands.server';

const BRAND_DASHBOARD = graphql(`
  query BrandDashboard($brandId: ID!, $from: Date!, $to: Date!) {
    brandDashboard(brandId: $brandId, from: $from, to: $to) {
      memberCount
      pendingApplications
      labelledProductCount
      salesCents
      creditedCents
      orderCount
      emissionsKgCo2e
      savedKgCo2e
      byMonth {
        month
        memberCount
        labelledProductCount
        salesCents
        orderCount
        emissionsKgCo2e
        savedKgCo2e
      }
      dataTiers {
        primaryKgCo2e
        modelledKgCo2e
        defaultKgCo2e
        flaggedLineCount
      }
      methodVersions
      topProducers {
        orderCount
        salesCents
        producer {
          id
          name
          address {
            city
          }
        }
      }
    }
  }
`);

type Dashboard = ResultOf<typeof BRAND_DASHBOARD>['brandDashboard'];

/** What would shrink a loss, said to a brand: what its producers and their buyers could change together. */
const BRAND_LOSS_REMEDIES =
  'Ce qui réduirait cet écart\u00a0: des tournées partagées entre producteurs de la marque, des points de retrait, des camionnettes mieux remplies (des minimums de commande, des jours de livraison par secteur), ou des livraisons les jours où le producteur passe déjà près de l’acheteur.';

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `Tableau de bord${loaderData?.kind === 'dashboard' ? ` — ${loaderData.brand.name}` : ''} — Ancrage` },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBrand(request, context);
  const { brand } = choice;
  if (!brand) return { kind: 'not-a-brand-manager' as const };
  const { searchParams } = new URL(request.url);
  const { period, error } = periodOf(searchParams);
  /** Just created at /marque/creer: the notice says so first. */
  const justCreated = searchParams.get('creee') === '1';
  const report = error
    ? { dashboard: null, error }
    : await apiQuery(callerOf(context), BRAND_DASHBOARD, { brandId: brand.id, ...period }).then(
        (result) => ({ dashboard: result.brandDashboard, error: null }),
        (failure: unknown) => ({ dashboard: null, error: formErrorOf(failure) }),
      );
  return { kind: 'dashboard' as const, ...choice, brand, period, justCreated, ...report };
}

export default function BrandDashboardPage({ loaderData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-brand-manager') return <BrandManagersOnly title="Tableau de bord de la marque" />;
  const { brands, brand, unknownBrand, period, dashboard, error, justCreated } = loaderData;
  const applicationsHref = brandPageHref('/marque/candidatures', { brands, brand });
  return (
    <div className="stack brand-dashboard">
      <h1>Tableau de bord — {brand.name}</h1>
      <p className="muted">
        La marque de {brand.organizationName}, {territoryOf(brand)}&nbsp;: ses producteurs, ses produits labellisés,
        leurs ventes et l’empreinte carbone de leur transport.
      </p>
      {unknownBrand ? <UnknownBrandNotice brand={brand} /> : null}
      <PendingVerificationNotice brand={brand} justCreated={justCreated} />
      <ReportFilters
        subject={{
          name: 'marque',
          label: 'Marque',
          options: brands.map((option) => ({ value: option.slug, label: option.name })),
          current: brand.slug,
        }}
        period={period}
        error={error}
      />
      <FormAlert error={error} fields={['from', 'to']} />
      {dashboard ? (
        <>
          <section className="stack" aria-labelledby="marque">
            <h2 id="marque">La marque aujourd’hui</h2>
            <dl className="report-figures">
              <div>
                <dt>Producteurs membres</dt>
                <dd className="report-figures__value">{dashboard.memberCount}</dd>
              </div>
              <div>
                <dt>Candidatures en attente</dt>
                <dd className="report-figures__value">{dashboard.pendingApplications}</dd>
                <dd className="small">
                  <Link to={applicationsHref}>
                    {dashboard.pendingApplications > 0 ? 'Examiner les candidatures' : 'Voir les candidatures'}
                  </Link>
                </dd>
              </div>
              <div>
                <dt>Produits labellisés</dt>
                <dd className="report-figures__value">{dashboard.labelledProductCount}</dd>
                <dd className="small">
                  <Link to={brandPageHref('/marque/labels', { brands, brand })}>Demandes de label</Link>
                </dd>
                <dd className="small">
                  <Link to={`/marques/${brand.slug}`}>Voir la page publique de la marque</Link>
                </dd>
                <dd className="small">
                  <Link to={brandPageHref('/marque/page', { brands, brand })}>Modifier la page publique</Link>
                </dd>
              </div>
            </dl>
          </section>
          <Sales dashboard={dashboard} period={period} />
          <Carbon dashboard={dashboard} />
          <Months dashboard={dashboard} />
          <TopProducers dashboard={dashboard} />
        </>
      ) : null}
    </div>
  );
}

function Sales({ dashboard, period }: { dashboard: Dashboard; period: { from: string; to: string } }) {
  return (
    <section className="stack" aria-labelledby="ventes">
      <h2 id="ventes">Ventes de la période</h2>
      <p className="small muted">
        Commandes passées du {date(period.from)} au {date(period.to)}, hors annulations&nbsp;: seules comptent les
        lignes de produits qui portaient le label de la marque à la vente.
      </p>
      <dl className="report-figures">
        <div>
          <dt>Ventes des produits labellisés</dt>
          <dd className="report-figures__value">{euros(dashboard.salesCents)}</dd>
          <dd className="small muted">
            hors TVA
            {dashboard.creditedCents > 0 ? <>, avoirs déduits&nbsp;: −{euros(dashboard.creditedCents)}</> : null}
          </dd>
        </div>
        <div>
          <dt>Commandes</dt>
          <dd className="report-figures__value">{dashboard.orderCount}</dd>
        </div>
      </dl>
    </section>
  );
}

function Carbon({ dashboard }: { dashboard: Dashboard }) {
  // The API gives the emissions and the signed difference; the conventional chain's figure is their sum.
  const baselineKgCo2e = dashboard.emissionsKgCo2e + dashboard.savedKgCo2e;
  return (
    <section className="stack" aria-labelledby="carbone">
      <h2 id="carbone">Transport et carbone</h2>
      {dashboard.orderCount === 0 ? (
        <p>Aucune vente de produits labellisés dans la période&nbsp;: rien à comparer.</p>
      ) : (
        <>
          <dl className="report-figures">
            <div>
              <dt>Émissions du transport</dt>
              <dd className="report-figures__value">{kgCo2e(dashboard.emissionsKgCo2e)}</dd>
              <dd className="small muted">
                livraison des produits labellisés vendus, estimée pour les commandes pas encore livrées
              </dd>
            </div>
            <div>
              <dt>Chaîne classique (référence)</dt>
              <dd className="report-figures__value">{kgCo2e(baselineKgCo2e)}</dd>
              <dd className="small muted">les mêmes produits passés par une plateforme régionale</dd>
            </div>
          </dl>
          <CarbonVerdict
            savedKgCo2e={dashboard.savedKgCo2e}
            subject="Le transport des ventes labellisées de la période"
            remedies={BRAND_LOSS_REMEDIES}
          />
          <DataTiers
            tiers={dashboard.dataTiers}
            advice="Plus la part de données primaires est grande, plus le chiffre de la marque est précis&nbsp;: invitez vos producteurs à relever leur tournée à la livraison."
          />
          <MethodNote versions={dashboard.methodVersions} />
        </>
      )}
    </section>
  );
}

const MONTH: TableColumn = { label: 'Mois' };

const COUNT_SERIES = (name: string): ChartSeries[] => [{ name, tone: 'sales' }];

type Month = Dashboard['byMonth'][number];

const groupOf = (month: Month, values: number[]) => ({
  label: monthName(month.month),
  tick: monthTick(month.month),
  shortTick: monthInitial(month.month),
  values,
});

/** One figure of the brand by month: its chart (server-rendered SVG) and the table that holds every value. */
function MonthChart({
  title,
  serie,
  months,
  valueOf,
  format,
}: {
  title: string;
  serie: string;
  months: readonly Month[];
  valueOf: (month: Month) => number;
  format: (value: number) => string;
}) {
  const valueColumn: TableColumn = { label: serie, num: true };
  return (
    <ColumnChart
      title={title}
      summary={months.map((month) => `${monthName(month.month)}\u00a0: ${format(valueOf(month))}`).join('\u00a0; ')}
      series={COUNT_SERIES(serie)}
      groups={months.map((month) => groupOf(month, [valueOf(month)]))}
      format={format}
    >
      <ChartTable caption={title} columns={[MONTH, valueColumn]}>
        {months.map((month) => (
          <tr key={month.month}>
            <th scope="row">{monthName(month.month)}</th>
            <ColumnCell column={valueColumn}>{format(valueOf(month))}</ColumnCell>
          </tr>
        ))}
      </ChartTable>
    </ColumnChart>
  );
}

function Months({ dashboard }: { dashboard: Dashboard }) {
  const months = dashboard.byMonth;
  const count = (value: number) => String(Math.round(value));
  return (
    <section className="stack" aria-labelledby="par-mois">
      <h2 id="par-mois">Mois par mois</h2>
      <p className="small muted">
        Membres et produits labellisés à la fin de chaque mois (aujourd’hui pour le mois en cours)&nbsp;; ventes et
        carbone des commandes passées dans le mois.
      </p>
      <div className="stack">
        <MonthChart
          title="Producteurs membres, par mois"
          serie="Producteurs membres"
          months={months}
          valueOf={(month) => month.memberCount}
          format={count}
        />
        <MonthChart
          title="Produits labellisés, par mois"
          serie="Produits labellisés"
          months={months}
          valueOf={(month) => month.labelledProductCount}
          format={count}
        />
        <MonthChart
          title="Ventes des produits labellisés (HT), par mois"
          serie="Ventes (HT)"
          months={months}
          valueOf={(month) => month.salesCents}
          format={euros}
        />
        <EmissionsByMonth
          title="CO₂e du transport et chaîne classique, par mois"
          months={months.map((month) => ({
            month: month.month,
            figures:
              month.orderCount > 0
                ? { emissionsKgCo2e: month.emissionsKgCo2e, baselineKgCo2e: month.emissionsKgCo2e + month.savedKgCo2e }
                : null,
          }))}
          emptyMonth="aucune vente labellisée"
        />
      </div>
    </section>
  );
}

/** The columns of the best producers' table besides their names. */
const CITY: TableColumn = { label: 'Commune' };
const ORDERS: TableColumn = { label: 'Commandes', num: true };
const SALES: TableColumn = { label: 'Ventes (HT)', num: true };

function TopProducers({ dashboard }: { dashboard: Dashboard }) {
  const { topProducers } = dashboard;
  return (
    <section className="stack" aria-labelledby="producteurs">
      <h2 id="producteurs">Producteurs qui vendent le plus</h2>
      {topProducers.length === 0 ? (
        <p>Aucun producteur n’a vendu de produit labellisé dans la période.</p>
      ) : (
        <BarChart
          title={`Ventes labellisées des ${countOf(topProducers.length, 'premier producteur', 'premiers producteurs')}`}
          summary={topProducers.map((top) => `${top.producer.name}\u00a0: ${euros(top.salesCents)}`).join('\u00a0; ')}
          series={[{ name: 'Ventes labellisées', tone: 'sales' }]}
          groups={topProducers.map((top) => ({ label: top.producer.name, values: [top.salesCents] }))}
          format={euros}
        >
          <ChartTable
            caption="Ventes labellisées par producteur"
            columns={[{ label: 'Producteur' }, CITY, ORDERS, SALES]}
          >
            {topProducers.map((top) => (
              <tr key={top.producer.id}>
                <th scope="row">{top.producer.name}</th>
                <ColumnCell column={CITY}>{top.producer.address.city ?? '—'}</ColumnCell>
                <ColumnCell column={ORDERS}>{top.orderCount}</ColumnCell>
                <ColumnCell column={SALES}>{euros(top.salesCents)}</ColumnCell>
              </tr>
            ))}
          </ChartTable>
        </BarChart>
      )}
    </section>
  );
}
