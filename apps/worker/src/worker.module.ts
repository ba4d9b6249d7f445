import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { type AppConfig, HealthModule, PlatformModule } from '@app/platform';
import { CONTEXT_ENTITIES, CONTEXT_MODULES } from '../../shared/contexts';

export interface WorkerModuleOptions {
  /** Extra modules, for tests that add job handlers of their own to the real worker. */
  imports?: ModuleMetadata['imports'];
}

/**
 * The worker process: the outbox relay and the BullMQ consumers, with the same handlers as the embedded API. It
 * imports the contexts' domain modules only, so its HTTP port serves the health checks and nothing else.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config, { role: 'worker', entities: CONTEXT_ENTITIES }),
        HealthModule.forRoot(config),
        ...CONTEXT_MODULES,
        ...(options.imports ?? []),
      ],
    };
  }
}
