import { Global, Inject, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ormOptions, type DatabaseOptions } from './orm-options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly orm: MikroORM,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig, options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot(ormOptions(config, options))],
      providers: [UnitOfWork],
      exports: [UnitOfWork],
    };
  }

  /** The embedded SQLite file gets its schema from the entities; PostgreSQL only ever from migrations. */
  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'sqlite') return;
    // Write-ahead logging lets the API read while a command (geo:import, admin:grant) writes the same file, and
    // a writer waits for another instead of failing at once.
    await this.unitOfWork.run(async () => {
      const connection = this.unitOfWork.em.getConnection();
      await connection.execute('pragma busy_timeout = 10000');
      await connection.execute('pragma journal_mode = wal');
    });
    await this.orm.schema.update();
    this.logger.log(`SQLite database ready at ${this.config.database.file}`);
  }
}
