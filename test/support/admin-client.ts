import type { INestApplication } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { graphql } from './graphql-client';
import { registerUser, type TestSession } from './identity-client';

/** A new account made a platform admin, as `npm run admin:grant` does (without the command's process start). */
export async function registerPlatformAdmin(
  app: INestApplication,
  em: EntityManager,
  label = 'support',
): Promise<TestSession> {
  const admin = await registerUser(app, label);
  await em.fork().execute('update app_user set is_platform_admin = true where id = ?', [admin.user.id]);
  return admin;
}

/** A platform admin verifies the brand, as it must be before it decides on applications and labels. */
export async function verifyBrand(app: INestApplication, admin: TestSession, brandId: string): Promise<void> {
  const response = await graphql(
    app,
    'mutation ($id: ID!) { verifyBrand(id: $id) { id status } }',
    { id: brandId },
    admin.accessToken,
  );
  if (response.errors) throw new Error(`verifyBrand failed: ${JSON.stringify(response.errors)}`);
}
