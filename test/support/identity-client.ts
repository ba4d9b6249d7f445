import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { graphql } from './graphql-client';

/** A password no list refuses. */
export const GOOD_PASSWORD = 'Le comté du Haut-Jura, 24 mois';

/** Completes `digits` with the one digit that makes it pass the Luhn check. */
function withLuhnDigit(digits: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = digits + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A valid, random SIRET (Luhn-valid SIREN and SIRET), outside La Poste's range. */
export function randomSiret(): string {
  const siren = withLuhnDigit(`4${String(randomBytes(4).readUInt32BE() % 1e7).padStart(7, '0')}`);
  return withLuhnDigit(`${siren}0001`);
}

export const uniqueEmail = (label = 'user') => `${label}.${randomBytes(4).toString('hex')}@example.org`;

const SESSION_FIELDS = 'accessToken refreshToken user { id email displayName }';

export interface TestSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; displayName: string };
}

export async function registerUser(app: INestApplication, label = 'user'): Promise<TestSession> {
  const response = await graphql<{ register: TestSession }>(
    app,
    `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION_FIELDS} } }`,
    { input: { email: uniqueEmail(label), password: GOOD_PASSWORD, displayName: `Test ${label}` } },
  );
  if (!response.data) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return response.data.register;
}

export const JURA_ADDRESS = {
  line1: '12 rue du Collège',
  postalCode: '39300',
  city: 'Champagnole',
  inseeCode: '39097',
};

/**
 * Setting for tests that sell: the producer is VERIFIED, as a platform admin would decide (verifyOrganization), so
 * that it takes invoice orders and payouts (issue #20 item 5). organization-verification.e2e-spec tests the decision.
 */
export async function markVerified(app: INestApplication, organizationId: string): Promise<void> {
  await app
    .get(MikroORM)
    .em.fork()
    .getConnection()
    .execute(`update organization set verification_status = 'VERIFIED' where id = ?`, [organizationId]);
}

/** Creates an organization; a producer is marked VERIFIED (see markVerified), a business is left UNVERIFIED. */
export async function createOrganization(
  app: INestApplication,
  token: string,
  kind: 'PRODUCER' | 'BUSINESS' | 'BRAND',
  name = `Test ${kind.toLowerCase()}`,
): Promise<{ id: string; name: string; kind: string }> {
  const response = await graphql<{ createOrganization: { id: string; name: string; kind: string } }>(
    app,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kind } }',
    { input: { kind, name, siret: kind === 'BRAND' ? null : randomSiret(), address: JURA_ADDRESS } },
    token,
  );
  if (!response.data) throw new Error(`createOrganization failed: ${JSON.stringify(response.errors)}`);
  if (kind === 'PRODUCER') await markVerified(app, response.data.createOrganization.id);
  return response.data.createOrganization;
}
