import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { compiledExecutorGateway } from './compiled-executor';

/**
 * Nest's Apollo driver with the operations executed by graphql-jit (compiled-executor.ts): Apollo is handed the schema
 * Nest built through a gateway whose executor compiles each document once. Everything else — the express route, the
 * plugins, the context, the error formatting — is the driver's own.
 */
@Injectable()
export class CompiledApolloDriver extends ApolloDriver {
  override async registerServer(options: ApolloDriverConfig): Promise<void> {
    if (!options.schema) throw new Error('The GraphQL schema must be built before the server is registered');
    // Apollo takes its schema from the gateway: `schema` (which Apollo would otherwise serve) is left out. The driver's
    // configuration type leaves `gateway` out (it is Apollo's own option, passed through to `new ApolloServer`).
    const gateway = compiledExecutorGateway(options.schema);
    await super.registerServer({ ...options, schema: undefined, gateway } as ApolloDriverConfig);
  }
}
