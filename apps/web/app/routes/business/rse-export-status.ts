import type { Route } from './+types/rse-export-status';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { findExportJob, progressOf } from './rse.server';

/**
 * `/pro/rse/exports/:jobId/etat`: where an export stands, for the RSE page's progress bar to poll (JSON, never
 * cached). `{ job: null }` when the export is unknown to the caller.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireSignIn(request, context);
  const job = await findExportJob(callerOf(context), params.jobId);
  return Response.json({ job: job ? progressOf(job) : null }, { headers: { 'cache-control': 'private, no-store' } });
}
