import { Link } from 'react-router';
import { countOf, dateTime } from '../../lib/format';

/** An RSE export job as /admin's loader reads it (routes/admin/export-jobs.server.ts). */
export interface AdminExportJob {
  id: string;
  status: string;
  format: string;
  rowCount: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  organization: { id: string; name: string };
}

const STATUS_LABELS: Record<string, string> = {
  QUEUED: 'En attente',
  RUNNING: 'En cours',
  DONE: 'Terminé',
  FAILED: 'En échec',
};
const STATUS_TAGS: Record<string, string> = {
  DONE: 'tag--decision-approved',
  FAILED: 'tag--decision-rejected',
};

/**
 * The admin page's "export jobs": every organization's recent RSE exports, their state, format, times and failure,
 * beside the failed background jobs.
 */
export function ExportJobs({
  jobs,
  totalCount,
  onLaterPage,
  firstHref,
  nextHref,
}: {
  jobs: AdminExportJob[];
  totalCount: number;
  onLaterPage: boolean;
  firstHref: string;
  nextHref: string | null;
}) {
  return (
    <section className="stack" aria-labelledby="exports">
      <h2 id="exports">Exports RSE ({countOf(totalCount, 'export')})</h2>
      {jobs.length === 0 ? (
        <p className="empty-state">Aucun export RSE demandé.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Exports RSE&nbsp;: tableau">
          <table className="admin-table table-cards">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Format</th>
                <th scope="col">État</th>
                <th scope="col">Demandé le</th>
                <th scope="col">Fini le</th>
                <th scope="col">Erreur</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <th scope="row" data-label="Organisation">
                    {job.organization.name}
                  </th>
                  <td data-label="Format">{job.format}</td>
                  <td data-label="État">
                    <span className={`tag ${STATUS_TAGS[job.status] ?? 'tag--status'}`}>
                      {STATUS_LABELS[job.status] ?? job.status}
                    </span>
                    {job.status === 'DONE' ? (
                      <span className="admin-table__detail">{countOf(job.rowCount, 'ligne')}</span>
                    ) : null}
                  </td>
                  <td data-label="Demandé le">{dateTime(job.createdAt)}</td>
                  <td data-label="Fini le">{job.finishedAt ? dateTime(job.finishedAt) : '—'}</td>
                  <td data-label="Erreur" className="admin-table__error">
                    {job.error ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="row" aria-label="Pages des exports RSE">
        {onLaterPage ? <Link to={firstHref}>Premiers exports</Link> : null}
        {nextHref ? <Link to={nextHref}>Exports suivants</Link> : null}
      </nav>
    </section>
  );
}
