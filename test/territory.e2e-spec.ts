import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AppMode, rowCounts, type RunningApp, startApp } from './support/app-modes';
import { registerPlatformAdmin } from './support/admin-client';
import { runCli } from './support/cli';
import { graphql } from './support/graphql-client';
import { createOrganization, randomSiret, registerUser, type TestSession } from './support/identity-client';
import { createTempDir } from './support/test-services';

const SHARED_COORDINATES = join(__dirname, '..', '..', 'shared', 'data', 'communes-coordinates.csv');
const CREATE_PRODUCER =
  'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id address { city inseeCode postalCode departmentCode latitude longitude precision } } }';
const COMMUNES =
  'query ($search: String, $postalCode: String, $first: Int) { communes(search: $search, postalCode: $postalCode, first: $first) { inseeCode name postalCodes departmentCode regionCode latitude longitude } }';
const APPLY =
  'mutation ($brand: ID!, $producer: ID!, $message: String) { applyToBrand(brandId: $brand, producerId: $producer, message: $message) { id status message } }';
const DECIDE =
  'mutation ($id: ID!, $approve: Boolean!, $reason: String) { decideBrandMembership(id: $id, approve: $approve, reason: $reason) { id status reason decidedAt decidedBy { displayName } brand { slug } producer { name } } }';
const CREATE_BRAND =
  'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id slug departmentCodes organization { name } } }';

describe.each<AppMode>(['embedded', 'production'])('the territory (%s mode)', (mode) => {
  let running: RunningApp;
  let owner: TestSession;
  const files = createTempDir(`geo_${mode}`);

  beforeAll(async () => {
    running = await startApp(mode, `territory_${mode}`);
    owner = await registerUser(running.app, 'territory');
  });

  afterAll(async () => {
    await running.close();
    files.remove();
  });

  const producerAt = (address: Record<string, unknown>, name = 'Ferme') =>
    graphql<{ createOrganization: { id: string; address: Record<string, unknown> } }>(
      running.app,
      CREATE_PRODUCER,
      {
        input: { kind: 'PRODUCER', name, siret: randomSiret(), address: { line1: '1 place de la Mairie', ...address } },
      },
      owner.accessToken,
    );

  describe('commune coordinates and addresses', () => {
    it('falls back to the département centre before any import', async () => {
      const response = await producerAt({ postalCode: '23000', inseeCode: '23096' });
      expect(response.data?.createOrganization.address).toMatchObject({
        city: 'Guéret',
        departmentCode: '23',
        precision: 'DEPARTMENT',
      });
    });

    it('refuses a file without the needed columns and changes nothing', async () => {
      const bad = join(files.path, 'no-insee.csv');
      writeFileSync(bad, 'name,latitude,longitude\nGuéret,46.1,1.8\n');
      const result = await runCli(running.config, ['geo:import', bad]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('The file has no INSEE code column');
    });

    it('imports the coordinates of ../shared/data, and again without change (npm run geo:import)', async () => {
      const first = await runCli(running.config, ['geo:import', SHARED_COORDINATES]);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^Loaded the coordinates of 349\d\d communes from 36204 rows\.$/);
      const counted = await rowCounts(running.em, ['commune_coordinates']);
      expect((await runCli(running.config, ['geo:import', SHARED_COORDINATES])).stdout).toBe(first.stdout);
      expect(await rowCounts(running.em, ['commune_coordinates'])).toEqual(counted);
    });

    it('reports the codes of a file that match no commune', async () => {
      const file = join(files.path, 'mixed.csv');
      writeFileSync(file, 'code_insee;lat;lon\n23096;46,15847;1,87047\n99999;45;2\n87010;45.85;1.22\n');
      const result = await runCli(running.config, ['geo:import', file]);
      expect(result.stdout).toContain('Loaded the coordinates of 2 communes from 3 rows.');
      expect(result.stdout).toContain('1 codes matched no commune: 99999');
    });

    it('finds Guéret by name or postal code, with its imported centre', async () => {
      const byName = await graphql<{ communes: unknown[] }>(running.app, COMMUNES, { search: 'gueret', first: 3 });
      expect(byName.data?.communes[0]).toEqual({
        inseeCode: '23096',
        name: 'Guéret',
        postalCodes: ['23000'],
        departmentCode: '23',
        regionCode: '75',
        latitude: expect.closeTo(46.158, 2),
        longitude: expect.closeTo(1.87, 2),
      });
      const byPostalCode = await graphql<{ communes: { name: string }[] }>(running.app, COMMUNES, {
        postalCode: '39300',
      });
      expect(byPostalCode.data?.communes.map((commune) => commune.name)).toContain('Champagnole');
    });

    it.each([
      [{ first: 0, search: 'a' }, 'first'],
      [{ first: 101, search: 'a' }, 'first'],
      [{}, 'search'],
    ])('communes refuses %j', async (variables, field) => {
      expect((await graphql(running.app, COMMUNES, variables)).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    });

    it('places an address at its commune centre once imported, or at the given point', async () => {
      const atCommune = await producerAt({ postalCode: '23000', city: 'gueret' });
      expect(atCommune.data?.createOrganization.address).toEqual({
        city: 'Guéret',
        inseeCode: '23096',
        postalCode: '23000',
        departmentCode: '23',
        latitude: expect.closeTo(46.158, 2),
        longitude: expect.closeTo(1.87, 2),
        precision: 'COMMUNE',
      });
      const atPoint = await producerAt({
        postalCode: '29000',
        inseeCode: '29232',
        latitude: 47.996,
        longitude: -4.102,
      });
      expect(atPoint.data?.createOrganization.address).toMatchObject({
        city: 'Quimper',
        latitude: 47.996,
        longitude: -4.102,
        precision: 'ADDRESS',
      });
      const formerCode = await producerAt({ postalCode: '87000', inseeCode: '87010' });
      expect(formerCode.data?.createOrganization.address).toMatchObject({ city: 'Limoges', inseeCode: '87085' });
    });

    it.each([
      [
        'a postal code of another commune',
        { postalCode: '23000', inseeCode: '39097' },
        'address.postalCode',
        'does not belong to Champagnole',
      ],
      [
        'a city of another postal code',
        { postalCode: '23000', city: 'Champagnole' },
        'address.postalCode',
        'does not belong to Champagnole',
      ],
      ['an unknown city', { postalCode: '23000', city: 'Atlantis' }, 'address.city', 'No commune named Atlantis'],
      [
        'an unknown INSEE code',
        { postalCode: '23000', inseeCode: '23999' },
        'address.inseeCode',
        'No commune has the INSEE code 23999',
      ],
      ['an unknown postal code', { postalCode: '00001' }, 'address.postalCode', 'No commune has the postal code 00001'],
      [
        'a shared postal code without city',
        { postalCode: '39300' },
        'address.city',
        'Several communes share the postal code 39300',
      ],
      [
        'coordinates in London',
        { postalCode: '23000', inseeCode: '23096', latitude: 51.5072, longitude: -0.1276 },
        'address.latitude',
        'outside France',
      ],
    ])('refuses %s, naming the field, and creates nothing', async (_case, address, field, message) => {
      const before = await rowCounts(running.em, ['organization', 'membership']);
      const response = await producerAt(address);
      expect(response.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field },
        message: expect.stringContaining(message),
      });
      expect(await rowCounts(running.em, ['organization', 'membership'])).toEqual(before);
    });
  });

  describe('territory brands', () => {
    let manager: TestSession;
    let brandOrganizationId: string;
    let brandId: string;

    beforeAll(async () => {
      manager = await registerUser(running.app, 'manager');
      brandOrganizationId = (await createOrganization(running.app, manager.accessToken, 'BRAND', 'Association Creuse'))
        .id;
    });

    const createBrand = (input: Record<string, unknown>, session = manager) =>
      graphql<{ createBrand: { id: string } }>(
        running.app,
        CREATE_BRAND,
        {
          input: {
            organizationId: brandOrganizationId,
            name: "C'est creusois",
            slug: 'cest-creusois',
            departmentCodes: ['23'],
            charter: 'Produit en Creuse.',
            ...input,
          },
        },
        session.accessToken,
      );

    it('is created by a member of a BRAND organization, and shown to everyone once a platform admin verified it', async () => {
      const created = await createBrand({});
      expect(created.data?.createBrand).toMatchObject({
        slug: 'cest-creusois',
        departmentCodes: ['23'],
        organization: { name: 'Association Creuse' },
      });
      brandId = created.data!.createBrand.id;
      expect((await graphql(running.app, '{ brands { slug } }')).data).toEqual({ brands: [] });
      const admin = await registerPlatformAdmin(running.app, running.em, 'support');
      expect(
        (
          await graphql(
            running.app,
            'mutation ($id: ID!) { verifyBrand(id: $id) { status } }',
            { id: brandId },
            admin.accessToken,
          )
        ).data,
      ).toEqual({ verifyBrand: { status: 'VERIFIED' } });
      const listed = await graphql<{ brands: { slug: string }[] }>(running.app, '{ brands { slug name charter } }');
      expect(listed.data?.brands).toEqual([
        { slug: 'cest-creusois', name: "C'est creusois", charter: 'Produit en Creuse.' },
      ]);
      expect((await graphql(running.app, '{ brand(slug: "cest-creusois") { id } }')).data).toEqual({
        brand: { id: brandId },
      });
      expect((await graphql(running.app, '{ brand(slug: "nope") { id } }')).data).toEqual({ brand: null });
    });

    it.each([
      [{ slug: 'Cest Creusois' }, 'slug', 'BAD_USER_INPUT'],
      [{ departmentCodes: [] }, 'departmentCodes', 'BAD_USER_INPUT'],
      [{ departmentCodes: ['23', '99'] }, 'departmentCodes', 'BAD_USER_INPUT'],
      [{ name: '' }, 'name', 'BAD_USER_INPUT'],
      [{}, 'slug', 'CONFLICT'],
    ])('refuses %j and creates nothing', async (input, field, code) => {
      const before = await rowCounts(running.em, ['brand']);
      expect((await createBrand(input)).errors?.[0].extensions).toMatchObject({ code, field });
      expect(await rowCounts(running.em, ['brand'])).toEqual(before);
    });

    it('is not created for an organization of another kind, nor by a stranger', async () => {
      const producer = await createOrganization(running.app, manager.accessToken, 'PRODUCER', 'Not a brand');
      expect((await createBrand({ organizationId: producer.id, slug: 'other' })).errors?.[0].extensions.code).toBe(
        'NOT_FOUND',
      );
      const stranger = await registerUser(running.app, 'stranger');
      expect((await createBrand({ slug: 'other' }, stranger)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('admits producers of its territory through applications the brand decides, recording who, when and why', async () => {
      const creusois = await producerAt({ postalCode: '23000', inseeCode: '23096' }, 'La Ferme de Guéret');
      const jurassien = await producerAt({ postalCode: '39300', inseeCode: '39097' }, 'Fromagerie de Champagnole');
      const producerId = creusois.data!.createOrganization.id;

      const outside = await graphql(
        running.app,
        APPLY,
        { brand: brandId, producer: jurassien.data!.createOrganization.id },
        owner.accessToken,
      );
      expect(outside.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'producerId' },
        message: "C'est creusois admits producers of Creuse (23); Fromagerie de Champagnole is in Jura (39).",
      });

      const applied = await graphql<{ applyToBrand: { id: string } }>(
        running.app,
        APPLY,
        { brand: brandId, producer: producerId, message: 'Éleveurs depuis 1920' },
        owner.accessToken,
      );
      expect(applied.data?.applyToBrand).toMatchObject({ status: 'PENDING', message: 'Éleveurs depuis 1920' });
      const membershipId = applied.data!.applyToBrand.id;
      expect(
        (await graphql(running.app, APPLY, { brand: brandId, producer: producerId }, owner.accessToken)).errors?.[0]
          .extensions.code,
      ).toBe('CONFLICT');

      // The public sees approved members only; the brand sees the application; a stranger may not ask for it.
      const membersQuery =
        'query ($status: ApprovalStatus) { brand(slug: "cest-creusois") { members(status: $status) { id status producer { name } } } }';
      expect((await graphql(running.app, membersQuery, {})).data).toEqual({ brand: { members: [] } });
      expect((await graphql(running.app, membersQuery, {}, manager.accessToken)).data).toEqual({
        brand: { members: [{ id: membershipId, status: 'PENDING', producer: { name: 'La Ferme de Guéret' } }] },
      });
      expect(
        (await graphql(running.app, membersQuery, { status: 'PENDING' }, owner.accessToken)).errors?.[0].extensions
          .code,
      ).toBe('FORBIDDEN');

      // Only the brand decides; a refusal needs a reason.
      expect(
        (await graphql(running.app, DECIDE, { id: membershipId, approve: true }, owner.accessToken)).errors?.[0]
          .extensions.code,
      ).toBe('NOT_FOUND');
      expect(
        (await graphql(running.app, DECIDE, { id: membershipId, approve: false }, manager.accessToken)).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

      const approved = await graphql<{ decideBrandMembership: { decidedAt: string } }>(
        running.app,
        DECIDE,
        { id: membershipId, approve: true, reason: 'Bienvenue' },
        manager.accessToken,
      );
      expect(approved.data?.decideBrandMembership).toMatchObject({
        status: 'APPROVED',
        reason: 'Bienvenue',
        decidedBy: { displayName: 'Test manager' },
        brand: { slug: 'cest-creusois' },
        producer: { name: 'La Ferme de Guéret' },
      });
      expect(Date.parse(approved.data!.decideBrandMembership.decidedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await graphql(running.app, membersQuery, {})).data).toEqual({
        brand: { members: [{ id: membershipId, status: 'APPROVED', producer: { name: 'La Ferme de Guéret' } }] },
      });
      expect(
        (await graphql(running.app, DECIDE, { id: membershipId, approve: true }, manager.accessToken)).errors?.[0]
          .extensions.code,
      ).toBe('INVALID_STATE_TRANSITION');

      // The producer's members read its applications with the brand's answer; the public and strangers may not.
      const applications =
        'query ($id: ID!) { organization(id: $id) { brandApplications { id status reason message brand { slug } } } }';
      expect((await graphql(running.app, applications, { id: producerId }, owner.accessToken)).data).toEqual({
        organization: {
          brandApplications: [
            {
              id: membershipId,
              status: 'APPROVED',
              reason: 'Bienvenue',
              message: 'Éleveurs depuis 1920',
              brand: { slug: 'cest-creusois' },
            },
          ],
        },
      });
      const throughBrand = '{ brand(slug: "cest-creusois") { members { producer { brandApplications { id } } } } }';
      expect((await graphql(running.app, throughBrand)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await graphql(running.app, throughBrand, {}, manager.accessToken)).errors?.[0].extensions.code).toBe(
        'FORBIDDEN',
      );

      // The application's message and who decided are for the brand and the producer, not for the public.
      const privateFields = '{ brand(slug: "cest-creusois") { members { message decidedBy { email } } } }';
      expect((await graphql(running.app, privateFields)).data).toEqual({
        brand: { members: [{ message: null, decidedBy: null }] },
      });
      expect((await graphql(running.app, privateFields, {}, owner.accessToken)).data).toEqual({
        brand: { members: [{ message: 'Éleveurs depuis 1920', decidedBy: { email: manager.user.email } }] },
      });

      const revoked = await graphql(
        running.app,
        DECIDE,
        { id: membershipId, approve: false, reason: 'Charte non respectée' },
        manager.accessToken,
      );
      expect(revoked.data?.decideBrandMembership).toMatchObject({ status: 'REVOKED', reason: 'Charte non respectée' });
      const reapplied = await graphql(
        running.app,
        APPLY,
        { brand: brandId, producer: producerId, message: 'Corrigé' },
        owner.accessToken,
      );
      expect(reapplied.data?.applyToBrand).toMatchObject({ id: membershipId, status: 'PENDING', message: 'Corrigé' });
      expect((await graphql(running.app, applications, { id: producerId }, owner.accessToken)).data).toMatchObject({
        organization: { brandApplications: [{ id: membershipId, status: 'PENDING', message: 'Corrigé' }] },
      });

      const history = await running.em.execute(
        'select to_status, reason from brand_decision where subject_id = ? order by decided_at',
        [membershipId],
      );
      expect(history).toEqual([
        { to_status: 'APPROVED', reason: 'Bienvenue' },
        { to_status: 'REVOKED', reason: 'Charte non respectée' },
      ]);
    });
  });
});
