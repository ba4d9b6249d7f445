import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every resolver receives as GraphQL context. Contexts add their own request-scoped values (user, loaders). */
export interface GraphqlContext {
  req: IncomingMessage & { id?: string | number };
  res: ServerResponse;
}

export function requestIdOf(req: { id?: string | number } | undefined): string | undefined {
  return req?.id === undefined ? undefined : String(req.id);
}
