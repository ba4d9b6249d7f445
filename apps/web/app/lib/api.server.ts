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
export const apiUrl = (): string =>
  process.env.ANCRAGE_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/graphql`;

/**
 * One client per caller, that is per page request. A urql client shares the answer of an operation still in flight
 * with every identical one (same document, same variables), whatever their headers: one client for the whole
 * process would hand a person's `me` or `myOrders` to whoever asked at the same moment with another token.
 */
const clients = new WeakMap<ApiCaller, Client>();
function apiClient(caller: ApiCaller): Client {
  let client = clients.get(caller);
  if (!client) {
    client = new Client({
      url: apiUrl(),
      exchanges: [fetchExchange],
      requestPolicy: 'network-only',
      preferGetMethod: false,
      fetchOptions: () => ({ headers: headersFor(caller) }),
    });
    clients.set(caller, client);
  }
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
  const result = await apiClient(caller)[kind](document, variables).toPromise();
  const first = result.error?.graphQLErrors[0];
  if (first) {
    const extensions = first.extensions as { code?: string; field?: string; requestId?: string; reason?: string };
    throw new ApiError(
      first.message,
      extensions.code ?? 'INTERNAL_SERVER_ERROR',
      extensions.field,
      extensions.requestId,
      extensions.reason,
    );
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
    return {
      message: frenchMessage(error.code, error.field, error.message),
      code: error.code,
      field: error.field,
      ...(error.reason ? { reason: error.reason } : {}),
    };
  }
  throw error;
}

/** A picture sent to `POST /media` for one of the caller's producers: the API checks and re-encodes it. */
export async function apiUpload(caller: ApiCaller, organizationId: string, file: File): Promise<{ id: string }> {
  const body = new FormData();
  body.set('organizationId', organizationId);
  body.set('file', file, file.name || 'photo');
  let response: Response;
  try {
    response = await fetch(apiUrl().replace(/\/graphql$/, '/media'), {
      method: 'POST',
      headers: headersFor(caller),
      body,
    });
  } catch {
    throw new ApiError("L'API ne répond pas.", 'INTERNAL_SERVER_ERROR');
  }
  const answer = (await response.json().catch(() => ({}))) as {
    id?: string;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  if (response.ok && answer.id) return { id: answer.id };
  const first = answer.errors?.[0];
  throw new ApiError(
    first?.message ?? 'The upload failed.',
    first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    first?.extensions?.field,
  );
}
