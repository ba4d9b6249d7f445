import { Client, fetchExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { ApiError, type FormError } from './api-error';
import { frenchMessage } from './error-messages';

export { ApiError, type FormError } from './api-error';

/** What a page's server code knows of the request it answers: the client's address and its session. */
export interface ApiCaller {
  clientIp?: string | null;
  requestId?: string | null;
  accessToken?: string | null;
}

/** The API on this process's own port: the pages read and write through GraphQL only, never the database. */
const apiUrl = (): string => process.env.ANCRAGE_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/graphql`;

let client: Client | undefined;
function apiClient(): Client {
  client ??= new Client({ url: apiUrl(), exchanges: [fetchExchange], requestPolicy: 'network-only', preferGetMethod: false });
  return client;
}

function headersFor(caller: ApiCaller): Record<string, string> {
  const headers: Record<string, string> = {};
  if (caller.accessToken) headers.authorization = `Bearer ${caller.accessToken}`;
  if (caller.clientIp) headers['x-forwarded-for'] = caller.clientIp;
  if (caller.requestId) headers['x-request-id'] = caller.requestId;
  return headers;
}

async function run<Data, Variables extends AnyVariables>(
  kind: 'query' | 'mutation',
  caller: ApiCaller,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const context = { fetchOptions: { headers: headersFor(caller) } };
  const result = await apiClient()[kind](document, variables, context).toPromise();
  const first = result.error?.graphQLErrors[0];
  if (first) {
    const extensions = first.extensions as { code?: string; field?: string; requestId?: string };
    throw new ApiError(first.message, extensions.code ?? 'INTERNAL_SERVER_ERROR', extensions.field, extensions.requestId);
  }
  if (result.error) throw new ApiError("L'API ne répond pas.", 'INTERNAL_SERVER_ERROR');
  return result.data as Data;
}

export const apiQuery = <Data, Variables extends AnyVariables>(
  caller: ApiCaller,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> => run('query', caller, document, variables);

export const apiMutation = <Data, Variables extends AnyVariables>(
  caller: ApiCaller,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> => run('mutation', caller, document, variables);

export function formErrorOf(error: unknown): FormError {
  if (error instanceof ApiError) {
    return { message: frenchMessage(error.code, error.field, error.message), code: error.code, field: error.field };
  }
  throw error;
}
