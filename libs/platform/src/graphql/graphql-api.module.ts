import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { AppErrorFilter } from '../errors/app-error.filter';
import { ApiVersionResolver } from './api-version.resolver';
import { CompiledApolloDriver } from './compiled-apollo.driver';
import { errorReportingPlugin } from './error-reporting.plugin';
import { FieldResolverEnhancersCheck } from './field-resolver-enhancers';
import { graphqlArmor } from './graphql-armor';
import { formatGraphqlError } from './graphql-error-format';
import { GRAPHQL_PATH } from './lean-graphql-route';
import type { GraphqlContext } from './request-context';

/**
 * No GraphQL answer may be stored by a cache (they carry a caller's data): `Cache-Control: no-store` on each, what
 * Apollo's cache-control plugin answered for a schema without cache hints. That plugin is disabled: its per-field hook
 * (`willResolveField`) made Apollo wrap every field resolver of the schema, ≈ 5 % of the API's CPU on the catalog reads.
 */
const noStorePlugin: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** The GraphQL endpoint at /graphql: Apollo, code-first, errors mapped once to the contract's codes. */
@Module({})
export class GraphqlApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const production = config.env === 'production';
    return {
      module: GraphqlApiModule,
      imports: [
        DiscoveryModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          // Apollo's driver, the operations executed by graphql-jit (compiled-executor.ts).
          driver: CompiledApolloDriver,
          inject: [PinoLogger],
          useFactory: (logger: PinoLogger) => {
            const armor = graphqlArmor();
            return {
              path: GRAPHQL_PATH,
              autoSchemaFile: true,
              sortSchema: true,
              playground: false,
              graphiql: false,
              introspection: !production,
              includeStacktraceInErrorResponses: false,
              hideSchemaDetailsFromClientErrors: production,
              csrfPrevention: true,
              allowBatchedHttpRequests: false,
              // Field resolvers run bare, without Nest's guards, interceptors and filters (≈ 2 % of the product page's
              // CPU, one guard run per field resolved): the global AuthGuard authenticates the request on its root
              // field before any field resolves (on a field it only re-read the same promise), no interceptor is
              // registered, and AppErrorFilter hands a GraphQL error back unchanged (formatGraphqlError maps it, the
              // error-reporting plugin logs it). A field-level check lives in its resolver; a guard put on a field
              // would never run, so FieldResolverEnhancersCheck refuses to start.
              fieldResolverEnhancers: [],
              context: ({ req, res }: GraphqlContext): GraphqlContext => ({ req, res }),
              formatError: formatGraphqlError,
              validationRules: armor.validationRules,
              // @nestjs/apollo sees Apollo's ESM typings and this code its CommonJS ones: the same plugins, two declarations.
              plugins: [
                ...armor.plugins,
                errorReportingPlugin(logger.logger),
                ApolloServerPluginCacheControlDisabled(),
                noStorePlugin,
                ...(production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true })]),
              ] as unknown as ApolloDriverConfig['plugins'],
            };
          },
        }),
      ],
      providers: [ApiVersionResolver, FieldResolverEnhancersCheck, { provide: APP_FILTER, useClass: AppErrorFilter }],
    };
  }
}
