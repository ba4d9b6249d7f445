import { Global, Inject, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ormOptions, type DatabaseOptions } from './orm-options';

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig, options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot(ormOptions(config, options))],
    };
  }

  /** The embedded SQLite file gets its schema from the entities; PostgreSQL only ever from migrations. */
  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'sqlite') return;
    await this.orm.schema.update();
    this.logger.log(`SQLite database ready at ${this.config.database.file}`);
  }
}
