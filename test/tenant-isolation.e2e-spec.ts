import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { Args, GraphQLSchemaHost, ID, Query, Resolver } from '@nestjs/graphql';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Organization, OrganizationType } from '@app/identity';
import { Public } from '@app/platform';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';
import { callFor, idSlotsOf, type IdSlot } from './support/tenant-matrix';
import { createTempDir, testConfig } from './support/test-services';
import { createApiApp } from '../apps/api/src/create-api-app';

type Kind = 'PRODUCER' | 'BUSINESS' | 'BRAND';

interface SeededOrganization {
  id: string;
  kind: Kind;
  tenant: 1 | 2;
  owner: TestSession;
}

/**
 * For each ID slot of the schema, the object of a seeded organization it names. Every context that adds an
 * operation taking an ID adds its slot here (the coverage test fails until it does).
 */
const OWNED_BY_ORGANIZATION: Record<string, (organization: SeededOrganization) => string | undefined> = {
  'organization.id': (organization) => organization.id,
};

/** Slots that name another tenant's object by design (a brand to apply to, a product to buy), with the reason. */
const SHARED_REFERENCES: Record<string, string> = {};

const REFUSALS = ['NOT_FOUND', 'FORBIDDEN'];

async function tableChecksums(em: EntityManager): Promise<Record<string, string>> {
  const tables = await em.execute<{ tablename: string }[]>("select tablename from pg_tables where schemaname = 'public' order by tablename");
  const sums: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [{ sum }] = await em.execute(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${tablename}" t`);
    sums[tablename] = sum;
  }
  return sums;
}

describe('AUTH-09: a user of one organization can read or change nothing of another (generated from the schema)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let slots: IdSlot[];
  const organizations: SeededOrganization[] = [];
  const consumers: TestSession[] = [];
  let admin: TestSession;

  beforeAll(async () => {
    stack = await startProductionStack('tenancy');
    slots = idSlotsOf(stack.api.get(GraphQLSchemaHost).schema);
    for (const tenant of [1, 2] as const) {
      for (const kind of ['PRODUCER', 'BUSINESS', 'BRAND'] as const) {
        const owner = await registerUser(stack.api, `${kind.toLowerCase()}${tenant}`);
        const { id } = await createOrganization(stack.api, owner.accessToken, kind, `${kind} ${tenant}`);
        organizations.push({ id, kind, tenant, owner });
      }
      consumers.push(await registerUser(stack.api, `consumer${tenant}`));
    }
    admin = await registerUser(stack.api, 'admin');
    const granted = spawnSync(process.execPath, ['-r', './scripts/register-ts.cjs', 'apps/api/src/cli.ts', 'admin:grant', admin.user.email], {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH, DATABASE_URL: stack.config.database.kind === 'postgresql' ? stack.config.database.url : '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(granted.stdout.trim()).toBe(`${admin.user.email} is now a platform admin.`);
    await stack.drainOutbox();
  });

  afterAll(() => stack.close());

  const everyone = () => [...organizations.map((organization) => organization.owner), ...consumers];
  const call = (slot: IdSlot, id: string, session?: TestSession) => {
    const { query, variables } = callFor(slot, () => id);
    return graphql<Record<string, unknown>>(stack.api, query, variables, session?.accessToken);
  };

  it('knows what every ID-taking operation of the schema names (100 % coverage)', () => {
    expect(slots.length).toBeGreaterThan(0);
    const unknown = slots.map((slot) => slot.key).filter((key) => !(key in OWNED_BY_ORGANIZATION) && !(key in SHARED_REFERENCES));
    expect(unknown).toEqual([]);
  });

  it("refuses every operation on another organization's objects with NOT_FOUND or FORBIDDEN, and changes nothing", async () => {
    const before = await tableChecksums(stack.em);
    const leaks: string[] = [];
    let calls = 0;
    for (const slot of slots.filter((candidate) => candidate.key in OWNED_BY_ORGANIZATION)) {
      for (const target of organizations) {
        const id = OWNED_BY_ORGANIZATION[slot.key](target);
        if (!id) continue;
        for (const caller of everyone().filter((session) => session !== target.owner)) {
          const response = await call(slot, id, caller);
          calls++;
          const code = response.errors?.[0]?.extensions.code;
          if (!REFUSALS.includes(code ?? '') || response.data?.[slot.field.name]) {
            leaks.push(`${slot.key} of ${target.kind} ${target.tenant} by ${caller.user.email}: ${JSON.stringify(response.data)} ${code}`);
          }
        }
        const anonymous = await call(slot, id);
        if (anonymous.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED') leaks.push(`${slot.key} of ${target.kind} ${target.tenant} anonymously`);
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(0);
    expect(await tableChecksums(stack.em)).toEqual(before);
  });

  it("lets the organization's own members, and platform admins, through (the control)", async () => {
    for (const slot of slots.filter((candidate) => candidate.key in OWNED_BY_ORGANIZATION)) {
      for (const target of organizations) {
        const id = OWNED_BY_ORGANIZATION[slot.key](target);
        if (!id) continue;
        for (const caller of [target.owner, admin]) {
          const code = (await call(slot, id, caller)).errors?.[0]?.extensions.code;
          expect({ slot: slot.key, caller: caller.user.email, code }).not.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN|UNAUTHENTICATED/) });
        }
      }
    }
  });

  it('AUTH-11: no input lets a caller set a role, an owner, a status or a privilege', () => {
    const schema = stack.api.get(GraphQLSchemaHost).schema;
    const privileged = /^(role|roles|status|owner|ownerId|userId|createdBy|decidedBy|isPlatformAdmin|tokenVersion|memberships?)$/i;
    const offending = Object.values(schema.getTypeMap())
      .filter((type) => type.constructor.name === 'GraphQLInputObjectType')
      .flatMap((type) => Object.keys((type as unknown as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`))
      .filter((path) => privileged.test(path.split('.')[1]));
    expect(offending).toEqual([]);
  });

  it('AUTH-11: a smuggled field is refused and changes nothing', async () => {
    const consumer = consumers[0];
    const before = await tableChecksums(stack.em);
    const response = await graphql(
      stack.api,
      'mutation { createOrganization(input: { kind: BRAND, name: "Mine", role: OWNER, address: { line1: "1 rue", postalCode: "39300" } }) { id } }',
      {},
      consumer.accessToken,
    );
    expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await tableChecksums(stack.em)).toEqual(before);
  });
});

/** Stands for any path that reaches another organization, as a product's producer will. */
@Injectable()
@Resolver()
class OrganizationCardResolver {
  constructor(private readonly orm: MikroORM) {}

  @Public()
  @Query(() => OrganizationType, { nullable: true })
  organizationCard(@Args('id', { type: () => ID }) id: string) {
    return this.orm.em.fork().findOne(Organization, id);
  }
}

@Module({ providers: [OrganizationCardResolver] })
class OrganizationCardModule {}

describe('GQL-14: field resolvers run their guards, whatever path reaches them', () => {
  it("shows an organization's members to its members only", async () => {
    const dataDir = createTempDir('gql14');
    const app = await createApiApp(testConfig({ DATA_DIR: dataDir.path }), { imports: [OrganizationCardModule] });
    await app.init();
    try {
      const owner = await registerUser(app, 'owner');
      const stranger = await registerUser(app, 'stranger');
      const { id } = await createOrganization(app, owner.accessToken, 'PRODUCER', 'Ferme des Granges');
      const query = 'query ($id: ID!) { organizationCard(id: $id) { name members { user { email } } } }';

      const seenByStranger = await graphql(app, query, { id }, stranger.accessToken);
      expect(seenByStranger.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(JSON.stringify(seenByStranger)).not.toContain(owner.user.email);
      const seenAnonymously = await graphql(app, query, { id });
      expect(seenAnonymously.errors?.[0].extensions.code).toBe('FORBIDDEN');

      const seenByOwner = await graphql(app, query, { id }, owner.accessToken);
      expect(seenByOwner.data).toEqual({ organizationCard: { name: 'Ferme des Granges', members: [{ user: { email: owner.user.email } }] } });
    } finally {
      await app.close();
      dataDir.remove();
    }
  });
});
