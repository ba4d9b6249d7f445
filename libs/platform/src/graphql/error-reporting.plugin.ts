import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { isBusyDatabase } from '../errors/busy-database';
import { ErrorCode } from '../errors/error-code';
import { requestIdOf, type GraphqlContext } from './request-context';

/** Logs the unexpected errors of one request in full (message, stack), on the server side only. */
export function logGraphqlErrors(
  logger: Logger,
  errors: readonly GraphQLError[],
  requestId: string | undefined,
  operationName: string | null | undefined,
): void {
  for (const error of errors) {
    const original = error.originalError ?? error;
    if (isBusyDatabase(original)) {
      logger.warn(
        { err: original, requestId, operationName, path: error.path },
        'GraphQL request gave way to another transaction',
      );
    } else if (!(original instanceof AppError) && !error.extensions?.code) {
      logger.error({ err: original, requestId, operationName, path: error.path }, 'GraphQL resolver failed');
    }
  }
}

/** The errors a client sees, each carrying the request id so that support can find the log line. */
export function withRequestId(
  errors: readonly GraphQLFormattedError[],
  requestId: string | undefined,
): readonly GraphQLFormattedError[] {
  if (!requestId) return errors;
  return errors.map((error) => ({
    ...error,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...error.extensions, requestId },
  }));
}

/** Apollo's plugin for both (the lean route, lean-graphql-route.ts, calls them itself). */
export function errorReportingPlugin(logger: Logger): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          logGraphqlErrors(logger, errors, requestIdOf(contextValue.req), operationName);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = withRequestId(
            response.body.singleResult.errors,
            requestIdOf(contextValue.req),
          );
        },
      };
    },
  };
}
