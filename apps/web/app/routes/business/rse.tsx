import type { ReactNode } from 'react';
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/rse';
import { BusinessesOnly } from '../../components/business/BusinessesOnly';
import { BusinessSwitch } from '../../components/business/BusinessSwitch';
import { FormAlert, FieldError, invalidProps } from '../../components/FieldError';
import { BarChart } from '../../components/charts/BarChart';
import { ColumnCell, type TableColumn } from '../../components/charts/ChartTable';
import { CarbonVerdict } from '../../components/rse/CarbonDifference';
import { DataTiers } from '../../components/rse/DataTiers';
import {
  comparison,
  EMISSIONS_SERIES,
  EmissionsByMonth,
  EmissionsCells,
  EmissionsTable,
} from '../../components/rse/EmissionsByMonth';
import { ExportPanel, isExportFormat } from '../../components/rse/ExportPanel';
import { MethodNote } from '../../components/rse/MethodNote';
import { ReportFilters } from '../../components/rse/ReportFilters';
import { monthsOf, periodOf, type ReportPeriod, yearToDate } from '../../components/rse/period';
import { graphql, type ResultOf } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf, type FormError } from '../../lib/api.server';
import { LOSS_REMEDIES } from '../../lib/footprint';
import { CATEGORY_LABELS, countOf, date, euros, kg, kgCo2e, percent, siretText, tonneKm } from '../../lib/format';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseBusiness, findExportJob, progressOf } from './rse.server';

const RSE_SUMMARY = graphql(`
  query RseReport($organizationId: ID!, $from: Date!, $to: Date!, $localRadiusKm: Float!) {
    rseSummary(organizationId: $organizationId, from: $from, to: $to, localRadiusKm: $localRadiusKm) {
      spendCents
      creditedCents
      localSpendCents
      localSpendShare
      labelledSpendShare
      supplierCount
      localSupplierCount
      massKg
      tkm
      emissionsKgCo2e
      scope3Cat4KgCo2e
      scope1BuyerKgCo2e
      baselineKgCo2e
      savedKgCo2e
      primaryDataShare
      dataTiers {
        primaryKgCo2e
        modelledKgCo2e
        defaultKgCo2e
        primaryShare
        modelledShare
        defaultShare
        flaggedLineCount
      }
      methodVersions
      byMonth {
        month
        emissionsKgCo2e
        baselineKgCo2e
      }
      byCategory {
        category
        spendCents
        massKg
        emissionsKgCo2e
        baselineKgCo2e
        savedKgCo2e
      }
      bySupplier {
        producerName
        producerSiret
        local
        spendCents
        creditedCents
        massKg
        emissionsKgCo2e
        savedKgCo2e
      }
    }
  }
`);

const REQUEST_EXPORT = graphql(`
  mutation RequestRseExport($input: RseExportInput!) {
    requestRseExport(input: $input) {
      id
    }
  }
`);

type Summary = ResultOf<typeof RSE_SUMMARY>['rseSummary'];

const DEFAULT_RADIUS_KM = 100;

/** The report's filters from the address (or the export form): the period, and the radius that makes a supplier local. */
function filtersOf(params: URLSearchParams) {
  const { period, error: periodError } = periodOf(params);
  const radiusText = params.get('rayon')?.trim() || String(DEFAULT_RADIUS_KM);
  const radiusKm = Number(radiusText.replace(',', '.'));
  const radiusError: FormError | null = Number.isFinite(radiusKm)
    ? null
    : { message: 'Saisissez un rayon en kilomètres, par exemple 100.', code: 'BAD_USER_INPUT', field: 'localRadiusKm' };
  return { period, radiusText, radiusKm, error: periodError ?? radiusError };
}

export const meta: Route.MetaFunction = () => [
  { title: 'Bilan RSE des achats — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseBusiness(request, context);
  const { business } = choice;
  if (!business) return { kind: 'not-a-business' as const };
  const params = new URL(request.url).searchParams;
  const { period, radiusText, radiusKm, error } = filtersOf(params);
  const caller = callerOf(context);
  const exportId = params.get('export');
  const [report, exportJob] = await Promise.all([
    error
      ? { summary: null, error }
      : apiQuery(caller, RSE_SUMMARY, {
          organizationId: business.id,
          from: period.from,
          to: period.to,
          localRadiusKm: radiusKm,
        }).then(
          (result) => ({ summary: result.rseSummary, error: null }),
          (failure: unknown) => ({ summary: null, error: formErrorOf(failure) }),
        ),
    exportId ? findExportJob(caller, exportId).then((job) => (job ? progressOf(job) : null)) : null,
  ]);
  return { kind: 'report' as const, ...choice, business, period, radiusText, ...report, exportJob };
}

/** Asks for the export of the report on screen, then shows the page again following it (`?export=<id>`). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = new URLSearchParams(
    [...(await request.formData())].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const format = form.get('format');
  const { period, radiusText, radiusKm, error } = filtersOf(form);
  const organisation = form.get('organisation') ?? '';
  if (!isExportFormat(format)) {
    return data(
      { exportError: { message: 'Choisissez le format du fichier.', code: 'BAD_USER_INPUT', field: 'format' } },
      { status: 400 },
    );
  }
  if (error) return data({ exportError: error }, { status: 400 });
  let jobId: string;
  try {
    const { requestRseExport } = await apiMutation(callerOf(context), REQUEST_EXPORT, {
      input: { organizationId: organisation, from: period.from, to: period.to, localRadiusKm: radiusKm, format },
    });
    jobId = requestRseExport.id;
  } catch (failure) {
    return data({ exportError: formErrorOf(failure) }, { status: 400 });
  }
  const search = new URLSearchParams({
    organisation,
    du: period.from,
    au: period.to,
    rayon: radiusText,
    export: jobId,
  });
  throw redirect(`/pro/rse?${search}#export`);
}

export default function RseReport({ loaderData, actionData }: Route.ComponentProps) {
  if (loaderData.kind === 'not-a-business')
    return (
      <BusinessesOnly
        title="Bilan RSE de vos achats"
        purpose="Il rassemble leurs achats livrés et l’empreinte carbone de leur transport, pour leur rapport RSE."
      />
    );
  const { businesses, business, unknownBusiness, period, radiusText, summary, error, exportJob } = loaderData;
  return (
    <div className="stack rse-report">
      <h1>Bilan RSE de vos achats</h1>
      <p className="muted">
        Les achats livrés à <strong>{business.name}</strong> pendant la période, et l’empreinte carbone de leur
        transport, à reporter dans votre bilan d’émissions (GHG Protocol, BEGES) ou votre rapport de durabilité.
      </p>
      <BusinessSwitch businesses={businesses} current={business} unknownBusiness={unknownBusiness} />
      <ReportFilters period={period} error={error}>
        <div className="field">
          <label htmlFor="rayon">Rayon «&nbsp;local&nbsp;» (km)</label>
          <input
            id="rayon"
            name="rayon"
            inputMode="decimal"
            defaultValue={radiusText}
            aria-describedby="rayon-hint"
            {...invalidProps(error, 'localRadiusKm', 'rayon-error')}
          />
          <p className="field__hint" id="rayon-hint">
            Un fournisseur est local à moins de cette distance à vol d’oiseau.
          </p>
          <FieldError error={error} field="localRadiusKm" id="rayon-error" />
        </div>
      </ReportFilters>
      <FormAlert error={error} fields={['from', 'to', 'localRadiusKm']} />
      {summary && summary.supplierCount === 0 ? <EmptyPeriod businessName={business.name} period={period} /> : null}
      {summary && summary.supplierCount > 0 ? (
        <>
          <Report summary={summary} period={period} radiusText={radiusText} />
          <ExportPanel
            filters={{ organisation: business.id, du: period.from, au: period.to, rayon: radiusText }}
            job={exportJob}
            error={actionData?.exportError ?? null}
          />
        </>
      ) : null}
    </div>
  );
}

/** A period without any delivery: what the report counts, and where to look instead. */
function EmptyPeriod({ businessName, period }: { businessName: string; period: ReportPeriod }) {
  // Where to look instead: this year so far when the empty period is an earlier one, else the year before.
  const thisYear = yearToDate();
  const earlier = period.to < thisYear.from;
  const lastYear = String(Number(period.from.slice(0, 4)) - 1);
  return (
    <div className="empty-state stack">
      <p>
        <strong>
          Aucun achat livré à {businessName} du {date(period.from)} au {date(period.to)}.
        </strong>
      </p>
      <p>
        Le bilan compte les commandes à leur livraison&nbsp;: une commande en cours y entrera le jour où elle sera
        livrée.
      </p>
      <p className="row rse-report__links">
        <Link
          to={
            earlier
              ? '/pro/rse'
              : `/pro/rse?${new URLSearchParams({ du: `${lastYear}-01-01`, au: `${lastYear}-12-31` })}`
          }
          className="button button--secondary"
        >
          Voir l’année {earlier ? thisYear.from.slice(0, 4) : lastYear}
        </Link>
        <Link to="/commandes" className="button button--secondary">
          Voir mes commandes
        </Link>
        <Link to="/produits" className="button">
          Commander des produits
        </Link>
      </p>
    </div>
  );
}

/** A figure of the report: its name, its value, and what it means. */
function Figure({ term, value, children }: { term: string; value: string; children?: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className="report-figures__value">{value}</dd>
      {children ? <dd className="small muted">{children}</dd> : null}
    </div>
  );
}

function Report({ summary, period, radiusText }: { summary: Summary; period: ReportPeriod; radiusText: string }) {
  return (
    <>
      <p className="rse-report__period">
        Du {date(period.from)} au {date(period.to)}&nbsp;: {countOf(summary.supplierCount, 'fournisseur')},{' '}
        {kg(summary.massKg)} livrés.
      </p>
      <section className="stack" aria-labelledby="achats">
        <h2 id="achats">Vos achats</h2>
        <dl className="report-figures">
          <Figure term="Dépenses" value={euros(summary.spendCents)}>
            hors TVA, frais de livraison exclus
            {summary.creditedCents > 0 ? <>, avoirs déduits&nbsp;: −{euros(summary.creditedCents)}</> : null}
          </Figure>
          <Figure term="Part des achats locaux" value={percent(summary.localSpendShare)}>
            {euros(summary.localSpendCents)} chez des producteurs à moins de {radiusText} km du lieu de livraison
          </Figure>
          <Figure term="Part des produits labellisés" value={percent(summary.labelledSpendShare)}>
            produits portant le label d’une marque de territoire à la vente
          </Figure>
          <Figure term="Fournisseurs" value={String(summary.supplierCount)}>
            dont {summary.localSupplierCount} {summary.localSupplierCount > 1 ? 'locaux' : 'local'}
          </Figure>
          <Figure term="Masse livrée" value={kg(summary.massKg)}>
            produits et emballages de vente
          </Figure>
          <Figure term="Activité de transport" value={tonneKm(summary.tkm)}>
            masse × distance parcourue
          </Figure>
        </dl>
      </section>
      <section className="stack" aria-labelledby="emissions">
        <h2 id="emissions">Émissions du transport</h2>
        <dl className="report-figures">
          <Figure term="Scope 3, catégorie 4 (BEGES poste 3.1)" value={kgCo2e(summary.scope3Cat4KgCo2e)}>
            livraisons par les producteurs et les transporteurs&nbsp;: à reporter dans votre bilan
          </Figure>
          <Figure term="Scope 1&nbsp;: vos propres retraits" value={kgCo2e(summary.scope1BuyerKgCo2e)}>
            trajets faits avec vos véhicules, pour information&nbsp;: ils sont déjà dans vos achats de carburant, ne les
            comptez pas deux fois
          </Figure>
          <Figure term="Total du transport" value={kgCo2e(summary.emissionsKgCo2e)}>
            du puits à la roue, Scope 3 et Scope 1 réunis
          </Figure>
          <Figure term="Part issue de données mesurées" value={percent(summary.primaryDataShare)}>
            émissions calculées sur des distances relevées au compteur par les producteurs (ESRS E1, AR 46 g)&nbsp;; le
            reste est estimé
          </Figure>
        </dl>
        <DataTiers
          tiers={summary.dataTiers}
          advice="Plus la part de données primaires est grande, plus le bilan est précis&nbsp;: demandez à vos producteurs de relever leur tournée à la livraison."
        />
      </section>
      <section className="stack" aria-labelledby="comparaison">
        <h2 id="comparaison">Comparaison avec une chaîne classique</h2>
        <dl className="report-figures">
          <Figure term="Émissions du transport" value={kgCo2e(summary.emissionsKgCo2e)} />
          <Figure term="Chaîne classique (référence)" value={kgCo2e(summary.baselineKgCo2e)}>
            les mêmes produits passés par une plateforme régionale
          </Figure>
        </dl>
        <CarbonVerdict
          savedKgCo2e={summary.savedKgCo2e}
          subject="Le transport de vos achats de la période"
          remedies={LOSS_REMEDIES}
        />
        <MethodNote versions={summary.methodVersions}>
          <p>
            Les livraisons par le producteur ou par un transporteur relèvent de votre Scope 3, catégorie 4 du GHG
            Protocol (poste 3.1 du BEGES)&nbsp;; les trajets faits avec vos propres véhicules, de votre Scope 1. Les
            données «&nbsp;mesurées&nbsp;» sont les distances relevées au compteur par les producteurs&nbsp;; les autres
            sont estimées à vol d’oiseau, corrigées pour la route.
          </p>
        </MethodNote>
      </section>
      <section className="stack" aria-labelledby="graphiques">
        <h2 id="graphiques">Dans le détail</h2>
        <MonthChart summary={summary} period={period} />
        <CategoryChart summary={summary} />
        <SupplierChart summary={summary} />
      </section>
    </>
  );
}

function MonthChart({ summary, period }: { summary: Summary; period: ReportPeriod }) {
  const byMonth = new Map(summary.byMonth.map((month) => [month.month, month]));
  return (
    <EmissionsByMonth
      title="Émissions du transport et chaîne classique, par mois"
      months={monthsOf(period).map((month) => ({ month, figures: byMonth.get(month) ?? null }))}
      emptyMonth="aucune livraison"
    />
  );
}

/** The columns of the category's and supplier's tables besides their names and carbon. */
const SPEND: TableColumn = { label: 'Dépenses', num: true };
const MASS: TableColumn = { label: 'Masse', num: true };
const SIRET: TableColumn = { label: 'SIRET' };
const LOCAL: TableColumn = { label: 'Local' };

function CategoryChart({ summary }: { summary: Summary }) {
  const labelOf = (category: string) => CATEGORY_LABELS[category] ?? category;
  const groups = summary.byCategory.map((row) => ({
    label: labelOf(row.category),
    values: [row.emissionsKgCo2e, row.baselineKgCo2e],
  }));
  return (
    <BarChart
      title="Par catégorie de produits"
      summary={summary.byCategory
        .map((row) => comparison(labelOf(row.category), row.emissionsKgCo2e, row.baselineKgCo2e))
        .join(' ')}
      series={EMISSIONS_SERIES}
      groups={groups}
      format={kgCo2e}
    >
      <EmissionsTable caption="Par catégorie de produits" columns={[{ label: 'Catégorie' }, SPEND, MASS]}>
        {summary.byCategory.map((row) => (
          <tr key={row.category}>
            <th scope="row">{labelOf(row.category)}</th>
            <ColumnCell column={SPEND}>{euros(row.spendCents)}</ColumnCell>
            <ColumnCell column={MASS}>{kg(row.massKg)}</ColumnCell>
            <EmissionsCells
              emissionsKgCo2e={row.emissionsKgCo2e}
              baselineKgCo2e={row.baselineKgCo2e}
              savedKgCo2e={row.savedKgCo2e}
            />
          </tr>
        ))}
      </EmissionsTable>
    </BarChart>
  );
}

function SupplierChart({ summary }: { summary: Summary }) {
  // The API gives each supplier's emissions and signed difference; its reference is their sum (saved = baseline − emissions).
  const suppliers = summary.bySupplier.map((row) => ({
    ...row,
    baselineKgCo2e: row.emissionsKgCo2e + row.savedKgCo2e,
  }));
  return (
    <BarChart
      title="Par fournisseur"
      summary={suppliers.map((row) => comparison(row.producerName, row.emissionsKgCo2e, row.baselineKgCo2e)).join(' ')}
      series={EMISSIONS_SERIES}
      groups={suppliers.map((row) => ({ label: row.producerName, values: [row.emissionsKgCo2e, row.baselineKgCo2e] }))}
      format={kgCo2e}
    >
      <EmissionsTable caption="Par fournisseur" columns={[{ label: 'Fournisseur' }, SIRET, LOCAL, SPEND, MASS]}>
        {suppliers.map((row) => (
          <tr key={row.producerSiret ?? row.producerName}>
            <th scope="row">{row.producerName}</th>
            <ColumnCell column={SIRET}>{row.producerSiret ? siretText(row.producerSiret) : '—'}</ColumnCell>
            <ColumnCell column={LOCAL}>{row.local ? 'oui' : 'non'}</ColumnCell>
            <ColumnCell column={SPEND}>
              {euros(row.spendCents)}
              {row.creditedCents > 0 ? (
                <span className="rse-credited">avoirs déduits&nbsp;: −{euros(row.creditedCents)}</span>
              ) : null}
            </ColumnCell>
            <ColumnCell column={MASS}>{kg(row.massKg)}</ColumnCell>
            <EmissionsCells
              emissionsKgCo2e={row.emissionsKgCo2e}
              baselineKgCo2e={row.baselineKgCo2e}
              savedKgCo2e={row.savedKgCo2e}
            />
          </tr>
        ))}
      </EmissionsTable>
    </BarChart>
  );
}
