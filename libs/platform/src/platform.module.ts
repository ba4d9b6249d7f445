import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import type { DatabaseOptions } from './database/orm-options';
import { JobsModule, type ProcessRole } from './jobs/jobs.module';
import { LoggingModule } from './logging/logging.module';
import { MailModule } from './mail/mail.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

/** The longest an API request's SQL statement may run (RELIABILITY.md: API role `statement_timeout = 5s`). */
export const API_STATEMENT_TIMEOUT_MS = 5000;

export interface PlatformOptions extends DatabaseOptions {
  role: ProcessRole;
}

/** What every process needs: validated configuration, logs, the database, the job outbox, mail and rate limits. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config, {
          ...options,
          statementTimeoutMs: options.role === 'api' ? API_STATEMENT_TIMEOUT_MS : undefined,
        }),
        JobsModule.forRoot(config, options.role),
        MailModule,
        AuditModule,
        RateLimitModule.forRoot(config),
      ],
    };
  }
}
