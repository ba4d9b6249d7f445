import { useEffect } from 'react';
import { Form, useFetcher, useLocation, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { countOf } from '../../lib/format';
import { FormAlert } from '../FieldError';

export type ExportFormat = 'CSV' | 'XLSX' | 'PDF';

/** Where an export stands (`ExportJob` without its signed link, which stays on the server). */
export interface ExportProgressData {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  progress: number;
  format: ExportFormat;
  rowCount: number;
  error?: string | null;
}

const FORMATS: { format: ExportFormat; name: string; hint: string }[] = [
  {
    format: 'CSV',
    name: 'CSV',
    hint: 'une ligne par produit livré (point-virgule, UTF-8), pour un tableur ou un outil de bilan carbone',
  },
  {
    format: 'XLSX',
    name: 'Excel (XLSX)',
    hint: 'les mêmes lignes, et une feuille de synthèse par poste et par catégorie',
  },
  { format: 'PDF', name: 'PDF', hint: 'le rapport de la période, à joindre à votre déclaration' },
];
const nameOf = (format: ExportFormat) => FORMATS.find((candidate) => candidate.format === format)?.name ?? format;

const STATUS_WORDS: Record<ExportProgressData['status'], string> = {
  QUEUED: 'en attente',
  RUNNING: 'en préparation',
  DONE: 'prêt',
  FAILED: 'échec',
};

/** How often the page asks where a running export stands. */
const POLL_MS = 1000;

export const isExportFormat = (value: unknown): value is ExportFormat =>
  FORMATS.some((candidate) => candidate.format === value);

/**
 * The report's export (CARBON-METHOD.md §9): the format, then — once asked for — the file's progress, followed every
 * second, and its download link. `filters` are the report's own (organization, period, radius), posted along.
 */
export function ExportPanel({
  filters,
  job,
  error,
}: {
  filters: Record<string, string>;
  job: ExportProgressData | null;
  error: FormError | null;
}) {
  const busy = useNavigation().state === 'submitting';
  return (
    <section id="export" className="card stack export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Exporter le bilan</h2>
      <p>
        Pour votre comptable ou votre outil de bilan carbone&nbsp;: chaque ligne livrée avec sa masse, sa dépense, son
        véhicule, sa distance, ses émissions, le facteur et la version de méthode utilisés, la référence et l’écart.
      </p>
      <Form method="post" className="stack">
        {Object.entries(filters).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset>
          <legend>Format du fichier</legend>
          {FORMATS.map(({ format, name, hint }) => (
            <label key={format} className="choice">
              <input type="radio" name="format" value={format} defaultChecked={format === (job?.format ?? 'CSV')} />
              <span>
                <strong>{name}</strong> <span className="muted">— {hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FormAlert error={error} fields={[]} />
        <p>
          <button type="submit" disabled={busy}>
            {busy ? 'Demande envoyée…' : 'Préparer le fichier'}
          </button>
        </p>
      </Form>
      {job ? <ExportProgress key={job.id} initial={job} /> : null}
    </section>
  );
}

/** A requested export: its progress bar, followed every second until the file is ready (or failed), then its link. */
function ExportProgress({ initial }: { initial: ExportProgressData }) {
  const fetcher = useFetcher<{ job: ExportProgressData | null }>();
  const job = fetcher.data ? fetcher.data.job : initial;
  const finished = !job || job.status === 'DONE' || job.status === 'FAILED';
  const here = useLocation();

  useEffect(() => {
    if (finished || fetcher.state !== 'idle') return;
    const timer = window.setTimeout(() => fetcher.load(`/pro/rse/exports/${initial.id}/etat`), POLL_MS);
    return () => window.clearTimeout(timer);
    // A new answer (fetcher.data) schedules the next question.
  }, [finished, fetcher, fetcher.state, fetcher.data, initial.id]);

  if (!job) {
    return (
      <div className="alert alert--error" role="alert">
        Cet export est introuvable&nbsp;: demandez le fichier à nouveau.
      </div>
    );
  }
  const done = job.status === 'DONE';
  const share = done ? 1 : job.progress;
  const progressId = `export-${job.id}`;
  return (
    <div className="export-progress">
      <label htmlFor={progressId}>
        Fichier {nameOf(job.format)}&nbsp;: {STATUS_WORDS[job.status]} ({Math.round(share * 100)} %)
      </label>
      <progress id={progressId} max={1} value={share}>
        {Math.round(share * 100)} %
      </progress>
      <div role="status">
        {done ? <p>Votre fichier est prêt&nbsp;: {countOf(job.rowCount, 'ligne')}.</p> : null}
        {job.status === 'FAILED' ? (
          <p className="field__error">
            La préparation du fichier a échoué. Demandez-le à nouveau&nbsp;; si l’échec se répète, écrivez-nous.
          </p>
        ) : null}
      </div>
      {done ? (
        <p>
          <a className="button" href={`/pro/rse/exports/${job.id}`} download>
            Télécharger le fichier {nameOf(job.format)}
          </a>
        </p>
      ) : null}
      {finished ? null : (
        <noscript>
          <p>
            <a href={`${here.pathname}${here.search}#export`}>Actualiser l’état du fichier</a>
          </p>
        </noscript>
      )}
    </div>
  );
}
