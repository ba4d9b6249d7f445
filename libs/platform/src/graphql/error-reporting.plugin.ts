import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { isBusyDatabase } from '../errors/busy-database';
import { ErrorCode } from '../errors/error-code';
import { requestIdOf, type GraphqlContext } from './request-context';

/**
 * Puts the request id on every error a client sees, so that support can find the log line, and logs the
 * unexpected errors in full (message, stack) on the server side only.
 */
export function errorReportingPlugin(logger: Logger): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          const requestId = requestIdOf(contextValue.req);
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
        },
        async willSendResponse({ response, contextValue }) {
          const requestId = requestIdOf(contextValue.req);
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !requestId) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...error.extensions, requestId },
          }));
        },
      };
    },
  };
}
