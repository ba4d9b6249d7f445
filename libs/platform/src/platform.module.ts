import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import type { DatabaseOptions, SessionLimits } from './database/orm-options';
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

/**
 * The API role's session bounds (RELIABILITY.md: `statement_timeout = '5s'`, `lock_timeout = '3s'`,
 * `idle_in_transaction_session_timeout = '30s'`): a request waits at most 3 s for another checkout's row lock, and no
 * statement or forgotten transaction holds a connection and its locks for long.
 */
export const API_SESSION_LIMITS: SessionLimits = {
  statementTimeoutMs: 5000,
  lockTimeoutMs: 3000,
  idleInTransactionMs: 30000,
};

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
          sessionLimits: options.role === 'api' ? API_SESSION_LIMITS : undefined,
        }),
        JobsModule.forRoot(config, options.role),
        MailModule,
        AuditModule,
        RateLimitModule.forRoot(config),
      ],
    };
  }
}
