import type { INestApplication } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { registerPlatformAdmin, verifyBrand } from './admin-client';
import { graphql } from './graphql-client';
import { createOrganization, type TestSession } from './identity-client';

/**
 * A territory brand as the catalogue and reporting tests set it up: "C'est creusois" (Creuse, département 23), its
 * producers admitted, its labels granted, by the brand's manager, through the API.
 */

/** The manager's organization "Association Creuse" creates the brand "C'est creusois"; a platform admin verifies it. */
export async function createCreuseBrand(
  app: INestApplication,
  em: EntityManager,
  manager: TestSession,
): Promise<string> {
  const organization = await createOrganization(app, manager.accessToken, 'BRAND', 'Association Creuse');
  const response = await graphql<{ createBrand: { id: string } }>(
    app,
    'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id } }',
    {
      input: {
        organizationId: organization.id,
        name: "C'est creusois",
        slug: 'cest-creusois',
        departmentCodes: ['23'],
      },
    },
    manager.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  const brandId = response.data.createBrand.id;
  await verifyBrand(app, await registerPlatformAdmin(app, em), brandId);
  return brandId;
}

/** The producer applies to the brand (as its member `farmer`) and the manager approves: the membership's id. */
export async function joinBrand(
  app: INestApplication,
  brandId: string,
  producerId: string,
  farmer: TestSession,
  manager: TestSession,
): Promise<string> {
  const application = await graphql<{ applyToBrand: { id: string } }>(
    app,
    'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p) { id } }',
    { b: brandId, p: producerId },
    farmer.accessToken,
  );
  if (!application.data) throw new Error(JSON.stringify(application.errors));
  const membershipId = application.data.applyToBrand.id;
  await graphql(
    app,
    'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: true) { id } }',
    { id: membershipId },
    manager.accessToken,
  );
  return membershipId;
}

/** The producer asks for the brand's label on the product (as `farmer`) and the manager grants it. */
export async function labelProduct(
  app: INestApplication,
  brandId: string,
  productId: string,
  farmer: TestSession,
  manager: TestSession,
): Promise<void> {
  const label = await graphql<{ requestProductLabel: { id: string } }>(
    app,
    'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
    { p: productId, b: brandId },
    farmer.accessToken,
  );
  if (!label.data) throw new Error(JSON.stringify(label.errors));
  await graphql(
    app,
    'mutation ($id: ID!) { decideProductLabel(id: $id, approve: true) { status } }',
    { id: label.data.requestProductLabel.id },
    manager.accessToken,
  );
}

/** The producer withdraws the product: neither found nor listed any more. */
export async function withdrawProduct(app: INestApplication, productId: string, farmer: TestSession): Promise<void> {
  await graphql(
    app,
    'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { active } }',
    { id: productId },
    farmer.accessToken,
  );
}
