import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { isObjectType } from 'graphql';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const PRODUCER = `query ($slug: String!) { producer(slug: $slug) {
  id slug name description city postalCode departmentCode sellsOnSite streetAddress latitude longitude productCount
  categories { category productCount } brands { slug } products(first: 10) { totalCount edges { node { name slug } } } } }`;
const PRODUCERS = `query ($filter: ProducerFilter, $first: Int, $after: String) { producers(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name slug distanceKm city } } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) {
  id name slug description siret address { line1 postalCode city inseeCode departmentCode latitude longitude precision } } }`;

interface ProducersPage {
  producers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { name: string; slug: string; distanceKm: number | null; city: string | null } }[];
  };
}

describe('a catalogue people can find: slugs, the producers directory, public profiles, updateOrganization (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let farmer: TestSession;
  let stranger: TestSession;
  let colleague: TestSession;
  const ids: Record<string, string> = {};

  const producers = (variables: Record<string, unknown>) => graphql<ProducersPage>(stack.api, PRODUCERS, variables);
  const organizationRow = async (id: string) =>
    (
      await (stack.api.get(MikroORM).em.fork() as EntityManager).execute(
        'select name, slug, description, siret, address_line1, address_latitude, address_precision, logo_media_id from organization where id = ?',
        [id],
      )
    )[0];

  beforeAll(async () => {
    stack = await startProductionStack('findable');
    farmer = await registerUser(stack.api, 'farmer');
    stranger = await registerUser(stack.api, 'stranger');
    colleague = await registerUser(stack.api, 'colleague');
    // Guéret sells on site (a pickup option); Limoges delivers only; Quimper is far away.
    ids.gueret = await producerAt(stack.api, farmer, 'Fromagerie Émile', { ...PLACES.gueret, city: 'Guéret' });
    ids.gueretTwin = await producerAt(stack.api, stranger, 'Fromagerie Émile', {
      ...PLACES.gueret,
      latitude: 46.2,
      longitude: 1.9,
    });
    ids.limoges = await producerAt(stack.api, farmer, 'Vergers du Limousin', {
      ...PLACES.limoges,
      latitude: 45.8712,
      longitude: 1.2419,
    });
    ids.quimper = await producerAt(stack.api, farmer, 'Crêperie de Cornouaille', PLACES.quimper);
    await graphql(
      stack.api,
      'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }',
      { input: { producerId: ids.gueret, mode: 'PICKUP', label: 'Retrait à la fromagerie' } },
      farmer.accessToken,
    );
    await graphql(
      stack.api,
      'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }',
      {
        input: {
          producerId: ids.limoges,
          mode: 'PRODUCER_DELIVERY',
          label: 'Livraison',
          vehicleId: 'vul_diesel',
          maxDistanceKm: 40,
        },
      },
      farmer.accessToken,
    );
    ids.comte = (
      await createProduct(stack.api, farmer, {
        producerId: ids.gueret,
        name: 'Comté AOP 18 mois',
        category: 'DAIRY_CHEESE',
        priceCents: 2400,
      })
    ).id;
    ids.comteTwin = (
      await createProduct(stack.api, stranger, {
        producerId: ids.gueretTwin,
        name: 'Comté AOP 18 mois',
        category: 'DAIRY_CHEESE',
        priceCents: 2300,
      })
    ).id;
    await createProduct(stack.api, farmer, {
      producerId: ids.gueret,
      name: 'Tomme de Creuse',
      category: 'DAIRY_CHEESE',
      priceCents: 1800,
    });
    await createProduct(stack.api, farmer, {
      producerId: ids.gueret,
      name: 'Œufs plein air',
      category: 'EGGS',
      unit: 'PIECE',
      unitMassKg: 0.065,
      priceCents: 40,
      stock: 300,
    });
    await createProduct(stack.api, farmer, {
      producerId: ids.limoges,
      name: 'Pommes Golden',
      category: 'FRESH_FRUITS',
      priceCents: 300,
    });
    // A member who is not an owner.
    await stack.em.execute(
      "insert into membership (id, user_id, organization_id, role, created_at) values (gen_random_uuid(), ?, ?, 'MEMBER', now())",
      [colleague.user.id, ids.gueret],
    );
  });

  afterAll(() => stack.close());

  describe('slugs', () => {
    it('come from the name, French accents folded, with a suffix when taken', async () => {
      expect((await organizationRow(ids.gueret)).slug).toBe('fromagerie-emile');
      expect((await organizationRow(ids.gueretTwin)).slug).toBe('fromagerie-emile-2');
      const slugs = await graphql<{ a: { slug: string }; b: { slug: string } }>(
        stack.api,
        'query ($a: ID!, $b: ID!) { a: product(id: $a) { slug } b: product(id: $b) { slug } }',
        { a: ids.comte, b: ids.comteTwin },
      );
      expect(slugs.data).toEqual({ a: { slug: 'comte-aop-18-mois' }, b: { slug: 'comte-aop-18-mois-2' } });
    });

    it('stay when the name changes, so a shared link keeps working', async () => {
      await graphql(
        stack.api,
        'mutation ($id: ID!) { updateProduct(id: $id, input: { name: "Comté AOP 20 mois" }) { name } }',
        { id: ids.comte },
        farmer.accessToken,
      );
      const bySlug = await graphql<{ productBySlug: { id: string; name: string; slug: string } }>(
        stack.api,
        'query { productBySlug(slug: "comte-aop-18-mois") { id name slug } }',
      );
      expect(bySlug.data!.productBySlug).toEqual({
        id: ids.comte,
        name: 'Comté AOP 20 mois',
        slug: 'comte-aop-18-mois',
      });
      const renamed = await graphql<{ updateOrganization: { slug: string; name: string } }>(
        stack.api,
        UPDATE,
        { id: ids.limoges, input: { name: 'Les Vergers de Limoges' } },
        farmer.accessToken,
      );
      expect(renamed.data!.updateOrganization).toMatchObject({
        name: 'Les Vergers de Limoges',
        slug: 'vergers-du-limousin',
      });
      expect(
        (await graphql<{ producer: { name: string } }>(stack.api, PRODUCER, { slug: 'vergers-du-limousin' })).data!
          .producer.name,
      ).toBe('Les Vergers de Limoges');
    });

    it('answer nothing for an unknown or malformed slug, and never a withdrawn product', async () => {
      const unknown = await graphql(
        stack.api,
        'query { productBySlug(slug: "nope") { id } producer(slug: "Fromagerie Émile") { id } other: producer(slug: "x\' or 1=1") { id } }',
      );
      expect(unknown.data).toEqual({ productBySlug: null, producer: null, other: null });
      const withdrawn = await createProduct(stack.api, farmer, {
        producerId: ids.gueret,
        name: 'Fromage retiré',
        category: 'DAIRY_CHEESE',
        priceCents: 1000,
      });
      await graphql(
        stack.api,
        'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { active } }',
        { id: withdrawn.id },
        farmer.accessToken,
      );
      expect((await graphql(stack.api, 'query { productBySlug(slug: "fromage-retire") { id } }')).data).toEqual({
        productBySlug: null,
      });
    });
  });

  describe('producer(slug): the public profile', () => {
    it('shows what it makes, and its street address when it sells on site', async () => {
      const profile = (
        await graphql<{ producer: Record<string, unknown> }>(stack.api, PRODUCER, { slug: 'fromagerie-emile' })
      ).data!.producer;
      expect(profile).toMatchObject({
        name: 'Fromagerie Émile',
        city: 'Guéret',
        postalCode: '23000',
        departmentCode: '23',
        sellsOnSite: true,
        streetAddress: '1 route de la ferme',
        latitude: PLACES.gueret.latitude,
        productCount: 3,
        categories: [
          { category: 'DAIRY_CHEESE', productCount: 2 },
          { category: 'EGGS', productCount: 1 },
        ],
      });
      expect((profile.products as { totalCount: number }).totalCount).toBe(3);
    });

    it('hides the street address and the exact position of a producer that does not sell on site (its commune only)', async () => {
      const profile = (
        await graphql<{ producer: Record<string, number | string | null> }>(stack.api, PRODUCER, {
          slug: 'vergers-du-limousin',
        })
      ).data!.producer;
      expect(profile).toMatchObject({ sellsOnSite: false, streetAddress: null, postalCode: '87000' });
      expect(profile.latitude).not.toBe(45.8712);
      expect(profile.longitude).not.toBe(1.2419);
      expect(Math.abs((profile.latitude as number) - 45.8712)).toBeLessThan(0.1);
    });

    it('has no field for its members, its SIRET or its bank state', async () => {
      const type = stack.api.get(GraphQLSchemaHost).schema.getType('Producer');
      expect(isObjectType(type)).toBe(true);
      const fields = Object.keys(isObjectType(type) ? type.getFields() : {});
      for (const hidden of [
        'members',
        'siret',
        'vatNumber',
        'address',
        'payoutStatus',
        'payoutsEnabled',
        'stripeAccountId',
        'onboarding',
        'canBePaid',
      ])
        expect(fields).not.toContain(hidden);
      const probe = await graphql(
        stack.api,
        'query { producer(slug: "fromagerie-emile") { members { user { email } } } }',
      );
      expect(probe.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(probe.errors?.[0].message).toContain('Cannot query field "members" on type "Producer"');
    });

    it('is only for producers', async () => {
      const brandOwner = await registerUser(stack.api, 'brand');
      const business = await graphql<{ createOrganization: { slug: string } }>(
        stack.api,
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { slug } }',
        {
          input: { kind: 'BRAND', name: 'Association des fromagers', address: { line1: '1 place', ...PLACES.gueret } },
        },
        brandOwner.accessToken,
      );
      expect((await graphql(stack.api, PRODUCER, { slug: business.data!.createOrganization.slug })).data).toEqual({
        producer: null,
      });
    });
  });

  describe('producers(filter, first, after): the directory', () => {
    it('finds the producers near Guéret, nearest first, with their distance', async () => {
      const page = await producers({
        filter: { near: { latitude: PLACES.gueret.latitude, longitude: PLACES.gueret.longitude, radiusKm: 100 } },
      });
      const edges = page.data!.producers.edges.map((edge) => edge.node);
      expect(edges.map((node) => node.slug)).toEqual(['fromagerie-emile', 'fromagerie-emile-2', 'vergers-du-limousin']);
      expect(edges[0].distanceKm).toBe(0);
      expect(edges[2].distanceKm).toBeGreaterThan(50);
      expect(edges[2].distanceKm).toBeLessThan(60);
      expect(page.data!.producers.totalCount).toBe(3);
    });

    it('pages by name with a cursor, every producer once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: ProducersPage['producers'] = (await producers({ first: 2, after })).data!.producers;
        seen.push(...page.edges.map((edge) => edge.node.slug));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      // By name (the two namesakes in the order of their ids), each once.
      expect(seen).toHaveLength(4);
      expect([seen[0], [seen[1], seen[2]].sort(), seen[3]]).toEqual([
        'creperie-de-cornouaille',
        ['fromagerie-emile', 'fromagerie-emile-2'],
        'vergers-du-limousin',
      ]);
      const near = await producers({
        filter: { near: { latitude: PLACES.gueret.latitude, longitude: PLACES.gueret.longitude, radiusKm: 100 } },
        first: 2,
      });
      const next = await producers({
        filter: { near: { latitude: PLACES.gueret.latitude, longitude: PLACES.gueret.longitude, radiusKm: 100 } },
        first: 2,
        after: near.data!.producers.pageInfo.endCursor,
      });
      expect(next.data!.producers.edges.map((edge) => edge.node.slug)).toEqual(['vergers-du-limousin']);
    });

    it('filters by words of the name, commune or description (accents folded)', async () => {
      expect(
        (await producers({ filter: { text: 'creperie' } })).data!.producers.edges.map((edge) => edge.node.slug),
      ).toEqual(['creperie-de-cornouaille']);
      expect((await producers({ filter: { text: 'gueret' } })).data!.producers.totalCount).toBe(2);
    });

    it('filters by brand: the producers it approved', async () => {
      const manager = await registerUser(stack.api, 'manager');
      const organization = await graphql<{ createOrganization: { id: string } }>(
        stack.api,
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
        {
          input: { kind: 'BRAND', name: 'Association Creuse', address: { line1: '1 place', ...PLACES.gueret } },
        },
        manager.accessToken,
      );
      const brand = await graphql<{ createBrand: { id: string } }>(
        stack.api,
        'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id } }',
        {
          input: {
            organizationId: organization.data!.createOrganization.id,
            name: "C'est creusois",
            slug: 'cest-creusois',
            departmentCodes: ['23'],
          },
        },
        manager.accessToken,
      );
      const application = await graphql<{ applyToBrand: { id: string } }>(
        stack.api,
        'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p) { id } }',
        { b: brand.data!.createBrand.id, p: ids.gueret },
        farmer.accessToken,
      );
      await graphql(
        stack.api,
        'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: true) { id } }',
        { id: application.data!.applyToBrand.id },
        manager.accessToken,
      );
      await graphql(
        stack.api,
        'mutation ($id: ID!) { verifyBrand(id: $id) { id } }',
        { id: brand.data!.createBrand.id },
        manager.accessToken,
      );
      const listed = (
        await graphql<{ brands: { slug: string }[] }>(stack.api, 'query { brands { slug } }')
      ).data!.brands.some((candidate) => candidate.slug === 'cest-creusois');
      const page = await producers({ filter: { brandSlug: 'cest-creusois' } });
      // A brand not yet verified is not shown publicly, nor are its producers through it.
      expect(page.data!.producers.edges.map((edge) => edge.node.slug)).toEqual(listed ? ['fromagerie-emile'] : []);
      expect((await producers({ filter: { brandSlug: 'no-such-brand' } })).data!.producers.totalCount).toBe(0);
    });

    it('refuses a bad radius, page size or cursor with BAD_USER_INPUT', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ filter: { near: { latitude: 46, longitude: 1.8, radiusKm: 0 } } }, 'filter.near.radiusKm'],
        [{ filter: { near: { latitude: 95, longitude: 1.8, radiusKm: 10 } } }, 'filter.near.latitude'],
        [{ first: 101 }, 'first'],
        [{ after: 'not-a-cursor' }, 'after'],
      ];
      for (const [variables, field] of cases)
        expect((await producers(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });

  describe('updateOrganization', () => {
    it('lets an owner change the name, description and address: the address is resolved again, the SIRET and slug stay', async () => {
      const before = await organizationRow(ids.quimper);
      const updated = await graphql<{ updateOrganization: Record<string, unknown> }>(
        stack.api,
        UPDATE,
        {
          id: ids.quimper,
          input: {
            name: 'Crêperie du Moulin',
            description: 'Galettes de blé noir.',
            address: { line1: '3 rue du Moulin', postalCode: '23000', inseeCode: '23096' },
          },
        },
        farmer.accessToken,
      );
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updateOrganization).toMatchObject({
        name: 'Crêperie du Moulin',
        slug: 'creperie-de-cornouaille',
        description: 'Galettes de blé noir.',
        siret: before.siret,
        // No commune centres imported in this test: the Creuse's centre, no longer Quimper's coordinates.
        address: {
          line1: '3 rue du Moulin',
          postalCode: '23000',
          inseeCode: '23096',
          city: 'Guéret',
          precision: 'DEPARTMENT',
        },
      });
      expect(
        Math.abs((updated.data!.updateOrganization.address as { latitude: number }).latitude - 46.09),
      ).toBeLessThan(0.2);
      const withCoordinates = await graphql<{
        updateOrganization: { address: { precision: string; latitude: number } };
      }>(
        stack.api,
        UPDATE,
        {
          id: ids.quimper,
          input: {
            address: {
              line1: '3 rue du Moulin',
              postalCode: '23000',
              inseeCode: '23096',
              latitude: 46.17,
              longitude: 1.88,
            },
          },
        },
        farmer.accessToken,
      );
      expect(withCoordinates.data!.updateOrganization.address).toMatchObject({ precision: 'ADDRESS', latitude: 46.17 });
      expect(
        (await graphql(stack.api, UPDATE, { id: ids.quimper, input: { description: '' } }, farmer.accessToken)).data,
      ).toMatchObject({ updateOrganization: { description: null } });
    });

    it("moves the catalogue's position of a producer's products with its address", async () => {
      const limogesProducts = (latitude: number, longitude: number) =>
        graphql<{ products: { edges: { node: { name: string } }[] } }>(
          stack.api,
          'query ($near: NearInput!) { products(filter: { near: $near }) { edges { node { name } } } }',
          { near: { latitude, longitude, radiusKm: 5 } },
        );
      expect((await limogesProducts(PLACES.quimper.latitude, PLACES.quimper.longitude)).data!.products.edges).toEqual(
        [],
      );
      await graphql(
        stack.api,
        UPDATE,
        {
          id: ids.limoges,
          input: {
            address: {
              line1: '2 quai',
              postalCode: '29000',
              inseeCode: '29232',
              latitude: PLACES.quimper.latitude,
              longitude: PLACES.quimper.longitude,
            },
          },
        },
        farmer.accessToken,
      );
      await stack.drainOutbox();
      expect(
        (await limogesProducts(PLACES.quimper.latitude, PLACES.quimper.longitude)).data!.products.edges.map(
          (edge) => edge.node.name,
        ),
      ).toEqual(['Pommes Golden']);
    });

    it('refuses bad input with BAD_USER_INPUT on its field, and changes nothing', async () => {
      const before = await organizationRow(ids.gueret);
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '   ' }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ description: 'x'.repeat(3001) }, 'description'],
        [{ name: 'Nouveau nom', address: { line1: '1 rue', postalCode: '2300' } }, 'address.postalCode'],
        [{ address: { line1: '1 rue', postalCode: '99999' } }, 'address.postalCode'],
        [{ logoMediaId: '00000000-0000-4000-8000-000000000000', removeLogo: true }, 'removeLogo'],
      ];
      for (const [input, field] of cases) {
        expect(
          (await graphql(stack.api, UPDATE, { id: ids.gueret, input }, farmer.accessToken)).errors?.[0].extensions,
        ).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const unknownMedia = await graphql(
        stack.api,
        UPDATE,
        { id: ids.gueret, input: { name: 'Nouveau nom', logoMediaId: '00000000-0000-4000-8000-000000000000' } },
        farmer.accessToken,
      );
      expect(unknownMedia.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'logoMediaId' });
      expect(await organizationRow(ids.gueret)).toEqual(before);
    });

    it('has no SIRET to change: the input refuses it', async () => {
      const before = await organizationRow(ids.gueret);
      const response = await graphql(
        stack.api,
        UPDATE,
        { id: ids.gueret, input: { siret: '44306184100047' } },
        farmer.accessToken,
      );
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await organizationRow(ids.gueret)).toEqual(before);
    });

    it('is for its owners: a member who is not one gets FORBIDDEN, anyone else NOT_FOUND, and nothing changes', async () => {
      const before = await organizationRow(ids.gueret);
      expect(
        (await graphql(stack.api, UPDATE, { id: ids.gueret, input: { name: 'Pris' } }, colleague.accessToken))
          .errors?.[0].extensions.code,
      ).toBe('FORBIDDEN');
      expect(
        (await graphql(stack.api, UPDATE, { id: ids.gueret, input: { name: 'Pris' } }, stranger.accessToken))
          .errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
      expect(
        (await graphql(stack.api, UPDATE, { id: ids.gueret, input: { name: 'Pris' } })).errors?.[0].extensions.code,
      ).toBe('UNAUTHENTICATED');
      expect(await organizationRow(ids.gueret)).toEqual(before);
    });
  });
});
