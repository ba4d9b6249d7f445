import type { Route } from './+types/rse-export-download';
import { fetchApiFile } from '../../lib/downloads.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { findExportJob } from './rse.server';

const gone = () =>
  new Response(
    'Cet export n’est pas prêt, ou il n’est plus conservé\u00a0: demandez-le à nouveau depuis la page Bilan RSE.',
    {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    },
  );

/**
 * `/pro/rse/exports/:jobId`: the export's file, streamed from the API with the visitor's own token, its type and
 * file name passed on. A fresh signed link is asked for each download (they last 15 minutes).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireSignIn(request, context);
  const caller = callerOf(context);
  const job = await findExportJob(caller, params.jobId);
  if (!job?.downloadUrl) return gone();
  return (await fetchApiFile(caller, job.downloadUrl, `ancrage-rse.${job.format.toLowerCase()}`)) ?? gone();
}
