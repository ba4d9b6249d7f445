import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Query, Resolver } from '@nestjs/graphql';
import { Public } from './public.decorator';

/** The version in the project's package.json, found from here in the sources and in the build alike. */
function projectVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'ancrage' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

@Resolver()
export class ApiVersionResolver {
  private readonly version = projectVersion();

  @Public()
  @Query(() => String, { description: 'The version of the Ancrage API serving this request.' })
  apiVersion(): string {
    return this.version;
  }
}
