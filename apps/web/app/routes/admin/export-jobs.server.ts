import { graphql, type ResultOf } from '../../graphql';
import { apiQuery, type ApiCaller } from '../../lib/api.server';

const EXPORT_JOBS = graphql(`
  query AdminExportJobs($after: String) {
    adminExportJobs(first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          format
          rowCount
          error
          createdAt
          finishedAt
          organization {
            id
            name
          }
        }
      }
    }
  }
`);

export type ExportJobsPage = ResultOf<typeof EXPORT_JOBS>['adminExportJobs'];

/** The admin page's recent RSE export jobs, newest first (`?exports=<cursor>` for the next ones). */
export async function recentExportJobs(caller: ApiCaller, after: string | null): Promise<ExportJobsPage> {
  return (await apiQuery(caller, EXPORT_JOBS, { after })).adminExportJobs;
}
