import { Injectable, Module } from '@nestjs/common';
import { Args, GraphQLSchemaHost, ID, Query, Resolver } from '@nestjs/graphql';
import { MikroORM } from '@mikro-orm/core';
import sharp from 'sharp';
import request from 'supertest';
import type { EntityManager } from '@mikro-orm/sql';
import { Organization, OrganizationType } from '@app/identity';
import { Public } from '@app/platform';
import { runCli } from './support/cli';
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
  /** The objects this organization owns, by kind of object. */
  objects: {
    brandId?: string;
    brandMembershipId?: string;
    productId?: string;
    productLabelId?: string;
    deliveryOptionId?: string;
    orderId?: string;
    orderNumber?: string;
    supplierOrderId?: string;
    boughtSupplierOrderId?: string;
    invoiceId?: string;
    exportJobId?: string;
    staffUserId?: string;
    mediaId?: string;
    productImageId?: string;
    removableImageIds?: string[];
    standingOrderId?: string;
    soldToBusinessId?: string;
  };
}

/**
 * For each ID slot of the schema, the object of a seeded organization it names. Every context that adds an
 * operation taking an ID adds its slot here (the coverage test fails until it does).
 */
const OWNED_BY_ORGANIZATION: Record<string, (organization: SeededOrganization) => string | undefined> = {
  'organization.id': (organization) => organization.id,
  'createBrand.input.organizationId': (organization) => (organization.kind === 'BRAND' ? organization.id : undefined),
  'applyToBrand.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  // An application, or a label request, is decided by the brand that received it.
  'decideBrandMembership.id': (organization) => organization.objects.brandMembershipId,
  'decideProductLabel.id': (organization) => organization.objects.productLabelId,
  'createProduct.input.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  'createDeliveryOption.input.producerId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.id : undefined,
  'updateDeliveryOption.id': (organization) => organization.objects.deliveryOptionId,
  'archiveDeliveryOption.id': (organization) => organization.objects.deliveryOptionId,
  'closeDeliveryDate.deliveryOptionId': (organization) => organization.objects.deliveryOptionId,
  'reopenDeliveryDate.deliveryOptionId': (organization) => organization.objects.deliveryOptionId,
  'updateProduct.id': (organization) => organization.objects.productId,
  // A producer's withdrawn products, and putting one back on sale, are its members'.
  'withdrawnProducts.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  'withdrawnProductsPage.producerId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.id : undefined,
  'restoreProduct.id': (organization) => organization.objects.productId,
  // An organization's profile and logo (one of its own media); a product's photos.
  'updateOrganization.id': (organization) => organization.id,
  'updateOrganization.input.logoMediaId': (organization) => organization.objects.mediaId,
  'addProductImage.productId': (organization) => organization.objects.productId,
  'addProductImage.mediaId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.objects.mediaId : undefined,
  'moveProductImage.id': (organization) => organization.objects.productImageId,
  // Each call that may remove one gets a photo of its own: the control removes one as the owner, another as the admin.
  'removeProductImage.id': (organization) => organization.objects.removableImageIds?.shift(),
  'setStock.productId': (organization) => organization.objects.productId,
  'requestProductLabel.productId': (organization) => organization.objects.productId,
  // A business's order, and the producer's part of it.
  'placeOrder.input.buyerOrganizationId': (organization) =>
    organization.kind === 'BUSINESS' ? organization.id : undefined,
  'quoteCart.input.buyerOrganizationId': (organization) =>
    organization.kind === 'BUSINESS' ? organization.id : undefined,
  'deliveryDateFootprints.input.buyerOrganizationId': (organization) =>
    organization.kind === 'BUSINESS' ? organization.id : undefined,
  'order.id': (organization) => organization.objects.orderId,
  'orderByNumber.number': (organization) => organization.objects.orderNumber,
  'cancelOrder.id': (organization) => organization.objects.orderId,
  // The buyer cancels one producer's part of its order (the producer cannot: it is not the buyer's side).
  'cancelSupplierOrder.id': (organization) => organization.objects.boughtSupplierOrderId,
  'supplierOrders.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  'updateSupplierOrderStatus.id': (organization) => organization.objects.supplierOrderId,
  // The producer moves its part to another day (the buyer may too, while it is PLACED).
  'changeDeliveryDate.supplierOrderId': (organization) => organization.objects.supplierOrderId,
  'reportDeliveryRound.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  'reportDeliveryRound.supplierOrderIds': (organization) => organization.objects.supplierOrderId,
  // The producer records the payment of the invoice it issued.
  'markInvoicePaid.id': (organization) => organization.objects.invoiceId,
  // The producer credits the invoice it issued (its buyer reads it, never credits it).
  'creditInvoice.invoiceId': (organization) => organization.objects.invoiceId,
  // Any organization lists the invoices it issued or received; only its members may.
  'invoices.organizationId': (organization) => organization.id,
  // A business's standing orders are its members'.
  'createStandingOrder.input.buyerOrganizationId': (organization) =>
    organization.kind === 'BUSINESS' ? organization.id : undefined,
  'standingOrders.organizationId': (organization) => organization.id,
  'standingOrder.id': (organization) => organization.objects.standingOrderId,
  'pauseStandingOrder.id': (organization) => organization.objects.standingOrderId,
  'resumeStandingOrder.id': (organization) => organization.objects.standingOrderId,
  'endStandingOrder.id': (organization) => organization.objects.standingOrderId,
  'startCardPayment.orderId': (organization) => organization.objects.orderId,
  'startProducerOnboarding.producerId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.id : undefined,
  'refundPayment.orderId': (organization) => organization.objects.orderId,
  // A buyer's reports, and a brand's dashboard.
  'rseSummary.organizationId': (organization) => (organization.kind === 'BUSINESS' ? organization.id : undefined),
  'requestRseExport.input.organizationId': (organization) =>
    organization.kind === 'BUSINESS' ? organization.id : undefined,
  'exportJob.id': (organization) => organization.objects.exportJobId,
  'brandDashboard.brandId': (organization) => organization.objects.brandId,
  // A brand's review queue is its managers'; verifying it, or disabling an account, is support's.
  'productLabels.brandId': (organization) => organization.objects.brandId,
  'verifyBrand.id': (organization) => organization.objects.brandId,
  'updateBrandPage.id': (organization) => organization.objects.brandId,
  'updateBrandPage.input.logoMediaId': (organization) =>
    organization.kind === 'BRAND' ? organization.objects.mediaId : undefined,
  'disableUser.id': (organization) => organization.objects.staffUserId,
  'resetSecondFactor.id': (organization) => organization.objects.staffUserId,
  // Deciding whether an organization is the company its SIRET names is support's (issue #20 item 5).
  'verifyOrganization.id': (organization) => organization.id,
  // Teams: an owner invites to and removes from its own organization only (a member of another is NOT_FOUND there).
  'inviteMember.organizationId': (organization) => organization.id,
  'removeMember.organizationId': (organization) => organization.id,
  'removeMember.userId': (organization) => organization.owner.user.id,
  // A producer's invoice terms are its members'; it refuses (or allows again) invoices from a business that bought from it.
  'producerSalesTerms.producerId': (organization) => (organization.kind === 'PRODUCER' ? organization.id : undefined),
  'updateProducerSalesTerms.producerId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.id : undefined,
  'setBuyerInvoicePayment.producerId': (organization) =>
    organization.kind === 'PRODUCER' ? organization.id : undefined,
  'setBuyerInvoicePayment.buyerOrganizationId': (organization) => organization.objects.soldToBusinessId,
};

/** Operations both sides of a sale may call on its supplier order: the producer, and the business that bought it. */
const BOTH_PARTIES = new Set(['changeDeliveryDate.supplierOrderId']);

/** Operations only platform admins may call: refused to the owner too, so the control checks the admin alone. */
const ADMIN_ONLY = new Set([
  'refundPayment.orderId',
  'verifyBrand.id',
  'disableUser.id',
  'resetSecondFactor.id',
  'verifyOrganization.id',
]);

/** Slots that name another tenant's object by design (a brand to apply to, a product to buy): why, and which. */
const SHARED_REFERENCES: Record<string, { why: string; id: (organizations: SeededOrganization[]) => string }> = {
  'retryJob.id': {
    why: "a job is the platform's, no organization's: platform admins only (FORBIDDEN for anyone else, test/admin-support.e2e-spec.ts)",
    id: () => '1',
  },
  'applyToBrand.brandId': {
    why: 'any producer may apply to any brand; the brand decides',
    id: (organizations) => organizations.find((organization) => organization.objects.brandId)!.objects.brandId!,
  },
  'requestProductLabel.brandId': {
    why: 'a producer asks a brand it belongs to; the brand decides',
    id: (organizations) => organizations.find((organization) => organization.objects.brandId)!.objects.brandId!,
  },
  'product.id': {
    why: 'the catalog is public',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.objects.productId!,
  },
  'products.filter.producerId': {
    why: 'the catalog is public',
    id: (organizations) => organizations.find((organization) => organization.kind === 'PRODUCER')!.id,
  },
  'placeOrder.input.lines.productId': {
    why: 'anyone may buy any product of the catalog',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.objects.productId!,
  },
  'placeOrder.input.deliveries.producerId': {
    why: 'the producer of the product bought',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.id,
  },
  'placeOrder.input.deliveries.deliveryOptionId': {
    why: "a producer's delivery options are offered to every buyer",
    id: (organizations) =>
      organizations.find((organization) => organization.objects.deliveryOptionId)!.objects.deliveryOptionId!,
  },
  'nextDeliveryDates.deliveryOptionId': {
    why: "a producer's delivery days are shown to every buyer",
    id: (organizations) =>
      organizations.find((organization) => organization.objects.deliveryOptionId)!.objects.deliveryOptionId!,
  },
  'deliveryDateFootprints.input.deliveryOptionId': {
    why: "a producer's delivery days and their footprints are shown to every buyer (figures only, never the round's orders)",
    id: (organizations) =>
      organizations.find((organization) => organization.objects.deliveryOptionId)!.objects.deliveryOptionId!,
  },
  'createStandingOrder.input.lines.productId': {
    why: 'anyone may buy any product of the catalog',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.objects.productId!,
  },
  'createStandingOrder.input.deliveries.producerId': {
    why: 'the producer of the product bought',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.id,
  },
  'createStandingOrder.input.deliveries.deliveryOptionId': {
    why: "a producer's delivery options are offered to every buyer",
    id: (organizations) =>
      organizations.find((organization) => organization.objects.deliveryOptionId)!.objects.deliveryOptionId!,
  },
  'quoteCart.input.lines.productId': {
    why: 'anyone may price any product of the catalog',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.objects.productId!,
  },
  'quoteCart.input.deliveries.producerId': {
    why: 'the producer of the product priced',
    id: (organizations) => organizations.find((organization) => organization.objects.productId)!.id,
  },
  'quoteCart.input.deliveries.deliveryOptionId': {
    why: "a producer's delivery options are offered to every buyer",
    id: (organizations) =>
      organizations.find((organization) => organization.objects.deliveryOptionId)!.objects.deliveryOptionId!,
  },
};

const REFUSALS = ['NOT_FOUND', 'FORBIDDEN'];

async function tableChecksums(em: EntityManager): Promise<Record<string, string>> {
  const tables = await em.execute<{ tablename: string }[]>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  const sums: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [{ sum }] = await em.execute(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${tablename}" t`,
    );
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
    // Support verifies the brands before they decide on anything.
    admin = await registerUser(stack.api, 'admin');
    expect((await runCli(stack.config, ['admin:grant', admin.user.email])).stdout).toBe(
      `${admin.user.email} is now a platform admin.`,
    );
    for (const tenant of [1, 2] as const) {
      for (const kind of ['PRODUCER', 'BUSINESS', 'BRAND'] as const) {
        const owner = await registerUser(stack.api, `${kind.toLowerCase()}${tenant}`);
        const { id } = await createOrganization(stack.api, owner.accessToken, kind, `${kind} ${tenant}`);
        // An account beside the owner's, for support to disable (a refusal must leave it enabled).
        const staff = await registerUser(stack.api, `staff-${kind.toLowerCase()}${tenant}`);
        organizations.push({ id, kind, tenant, owner, objects: { staffUserId: staff.user.id } });
      }
      consumers.push(await registerUser(stack.api, `consumer${tenant}`));
      await seedBrandOf(tenant);
    }
    await stack.drainOutbox();
    for (const producer of organizations.filter((organization) => organization.kind === 'PRODUCER'))
      await seedInvoiceOf(producer);
    for (const organization of organizations) await seedMediaOf(organization);
    // Three tenants of each kind with their objects: a minute and more on a loaded machine.
  }, 300_000);

  /** A producer's photos (uploaded, four on its product); the other organizations' logo media, written directly. */
  async function seedMediaOf(organization: SeededOrganization) {
    if (organization.kind !== 'PRODUCER') {
      organization.objects.mediaId = crypto.randomUUID();
      await stack.em.execute(
        "insert into media (id, organization_id, widths, width, height, created_at) values (?, ?, '[320]', 320, 240, now())",
        [organization.objects.mediaId, organization.id],
      );
      return;
    }
    const picture = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#aa7733' } })
      .png()
      .toBuffer();
    const upload = await request(stack.api.getHttpServer())
      .post('/media')
      .set('authorization', `Bearer ${organization.owner.accessToken}`)
      .field('organizationId', organization.id)
      .attach('file', picture, 'photo.png');
    organization.objects.mediaId = upload.body.id;
    const images: string[] = [];
    for (let n = 0; n < 4; n++) {
      const added = await graphql<{ addProductImage: { images: { id: string }[] } }>(
        stack.api,
        'mutation ($p: ID!, $m: ID!) { addProductImage(productId: $p, mediaId: $m, alt: "Photo") { images { id } } }',
        { p: organization.objects.productId, m: organization.objects.mediaId },
        organization.owner.accessToken,
      );
      images.push(added.data!.addProductImage.images.at(-1)!.id);
    }
    organization.objects.productImageId = images[0];
    organization.objects.removableImageIds = images.slice(1);
  }

  afterAll(() => stack.close());

  /** The tenant's brand covers the Jura, and the tenant's producer (in the Jura) has applied to it. */
  async function seedBrandOf(tenant: 1 | 2) {
    const brandOrganization = organizations.find(
      (organization) => organization.tenant === tenant && organization.kind === 'BRAND',
    )!;
    const producer = organizations.find(
      (organization) => organization.tenant === tenant && organization.kind === 'PRODUCER',
    )!;
    const brand = await graphql<{ createBrand: { id: string } }>(
      stack.api,
      'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id } }',
      {
        input: {
          organizationId: brandOrganization.id,
          name: `Brand ${tenant}`,
          slug: `brand-${tenant}`,
          departmentCodes: ['39'],
        },
      },
      brandOrganization.owner.accessToken,
    );
    brandOrganization.objects.brandId = brand.data!.createBrand.id;
    await graphql(
      stack.api,
      'mutation ($id: ID!) { verifyBrand(id: $id) { id } }',
      { id: brand.data!.createBrand.id },
      admin.accessToken,
    );
    const application = await graphql<{ applyToBrand: { id: string } }>(
      stack.api,
      'mutation ($brand: ID!, $producer: ID!) { applyToBrand(brandId: $brand, producerId: $producer) { id } }',
      { brand: brandOrganization.objects.brandId, producer: producer.id },
      producer.owner.accessToken,
    );
    brandOrganization.objects.brandMembershipId = application.data!.applyToBrand.id;
    await graphql(
      stack.api,
      'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: true) { id } }',
      { id: application.data!.applyToBrand.id },
      brandOrganization.owner.accessToken,
    );
    const product = await graphql<{ createProduct: { id: string } }>(
      stack.api,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          producerId: producer.id,
          name: `Comté ${tenant}`,
          category: 'DAIRY_CHEESE',
          unit: 'KG',
          priceCents: 2400,
          vatRate: 0.055,
          stock: 10,
        },
      },
      producer.owner.accessToken,
    );
    producer.objects.productId = product.data!.createProduct.id;
    const label = await graphql<{ requestProductLabel: { id: string } }>(
      stack.api,
      'mutation ($product: ID!, $brand: ID!) { requestProductLabel(productId: $product, brandId: $brand) { id } }',
      { product: producer.objects.productId, brand: brandOrganization.objects.brandId },
      producer.owner.accessToken,
    );
    brandOrganization.objects.productLabelId = label.data!.requestProductLabel.id;

    const pickup = await graphql<{ createDeliveryOption: { id: string } }>(
      stack.api,
      'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }',
      { input: { producerId: producer.id, mode: 'PICKUP', label: 'Retrait à la fromagerie' } },
      producer.owner.accessToken,
    );
    producer.objects.deliveryOptionId = pickup.data!.createDeliveryOption.id;
    const business = organizations.find(
      (organization) => organization.tenant === tenant && organization.kind === 'BUSINESS',
    )!;
    const order = await graphql<{ placeOrder: { id: string; number: string; supplierOrders: { id: string }[] } }>(
      stack.api,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number supplierOrders { id } } }',
      {
        input: {
          buyerOrganizationId: business.id,
          lines: [{ productId: producer.objects.productId, quantity: 1 }],
          deliveries: [{ producerId: producer.id, deliveryOptionId: producer.objects.deliveryOptionId }],
          paymentMethod: 'INVOICE',
          idempotencyKey: `tenant-${tenant}`,
        },
      },
      business.owner.accessToken,
    );
    business.objects.orderId = order.data!.placeOrder.id;
    business.objects.orderNumber = order.data!.placeOrder.number;
    const standing = await graphql<{ createStandingOrder: { id: string } }>(
      stack.api,
      'mutation ($input: CreateStandingOrderInput!) { createStandingOrder(input: $input) { id } }',
      {
        input: {
          buyerOrganizationId: business.id,
          lines: [{ productId: producer.objects.productId, quantity: 1 }],
          deliveries: [{ producerId: producer.id, deliveryOptionId: producer.objects.deliveryOptionId }],
          weekdays: [1, 2, 3, 4, 5],
          startsOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()),
        },
      },
      business.owner.accessToken,
    );
    business.objects.standingOrderId = standing.data!.createStandingOrder.id;
    const report = await graphql<{ requestRseExport: { id: string } }>(
      stack.api,
      'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id } }',
      { input: { organizationId: business.id, from: '2026-01-01', to: '2026-12-31', format: 'CSV' } },
      business.owner.accessToken,
    );
    business.objects.exportJobId = report.data!.requestRseExport.id;
    producer.objects.supplierOrderId = order.data!.placeOrder.supplierOrders[0].id;
    business.objects.boughtSupplierOrderId = producer.objects.supplierOrderId;
    producer.objects.soldToBusinessId = business.id;
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      await graphql(
        stack.api,
        'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { id } }',
        { id: producer.objects.supplierOrderId, status },
        producer.owner.accessToken,
      );
    }
  }

  /** Delivered business orders are invoiced by a job: the producer's invoice, once issued. */
  async function seedInvoiceOf(producer: SeededOrganization) {
    const listed = await graphql<{ supplierOrders: { edges: { node: { invoice: { id: string } | null } }[] } }>(
      stack.api,
      'query ($p: ID!) { supplierOrders(producerId: $p) { edges { node { invoice { id } } } } }',
      { p: producer.id },
      producer.owner.accessToken,
    );
    producer.objects.invoiceId = listed.data!.supplierOrders.edges[0].node.invoice!.id;
  }

  const everyone = () => [...organizations.map((organization) => organization.owner), ...consumers];
  /** Who may also act on `target`'s object in `slot`: the buyer of the producer's sale, for BOTH_PARTIES. */
  const otherPartyOf = (slot: IdSlot, target: SeededOrganization) =>
    BOTH_PARTIES.has(slot.key)
      ? organizations.find((organization) => organization.id === target.objects.soldToBusinessId)?.owner
      : undefined;
  /** Calls the slot's operation naming `id` there; its other ID slots name shared objects or the caller's own. */
  const call = (slot: IdSlot, id: string, session?: TestSession, onBehalfOf?: SeededOrganization) => {
    const { query, variables } = callFor(slot, (path) => {
      const key = [slot.field.name, ...path].join('.');
      if (key === slot.key) return id;
      if (key in SHARED_REFERENCES) return SHARED_REFERENCES[key].id(organizations);
      const own = organizations
        .filter((organization) => organization.owner === session || organization === onBehalfOf)
        .map((organization) => OWNED_BY_ORGANIZATION[key]?.(organization));
      return own.find(Boolean) ?? id;
    });
    return graphql<Record<string, unknown>>(stack.api, query, variables, session?.accessToken);
  };

  it('knows what every ID-taking operation of the schema names (100 % coverage)', () => {
    expect(slots.length).toBeGreaterThan(0);
    const unknown = slots
      .map((slot) => slot.key)
      .filter((key) => !(key in OWNED_BY_ORGANIZATION) && !(key in SHARED_REFERENCES));
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
        const parties = [target.owner, otherPartyOf(slot, target)];
        for (const caller of everyone().filter((session) => !parties.includes(session))) {
          const response = await call(slot, id, caller);
          calls++;
          const code = response.errors?.[0]?.extensions.code;
          if (!REFUSALS.includes(code ?? '') || response.data?.[slot.field.name]) {
            leaks.push(
              `${slot.key} of ${target.kind} ${target.tenant} by ${caller.user.email}: ${JSON.stringify(response.data)} ${code}`,
            );
          }
        }
        const anonymous = await call(slot, id);
        if (anonymous.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED')
          leaks.push(`${slot.key} of ${target.kind} ${target.tenant} anonymously`);
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(0);
    expect(await tableChecksums(stack.em)).toEqual(before);
  }, 300_000);

  it("lets the organization's own members, and platform admins, through (the control)", async () => {
    for (const slot of slots.filter((candidate) => candidate.key in OWNED_BY_ORGANIZATION)) {
      for (const target of organizations) {
        const otherParty = otherPartyOf(slot, target);
        const callers = ADMIN_ONLY.has(slot.key) ? [admin] : [target.owner, ...(otherParty ? [otherParty] : []), admin];
        for (const caller of callers) {
          // Asked for each caller: an operation that removes its object (a photo) gets one per call.
          const id = OWNED_BY_ORGANIZATION[slot.key](target);
          if (!id) continue;
          // An admin acting for support names the target organization's objects in the operation's other slots.
          const code = (await call(slot, id, caller, caller === admin ? target : undefined)).errors?.[0]?.extensions
            .code;
          expect({ slot: slot.key, caller: caller.user.email, code }).not.toMatchObject({
            code: expect.stringMatching(/NOT_FOUND|FORBIDDEN|UNAUTHENTICATED/),
          });
        }
      }
    }
  }, 300_000);

  it("serves an invoice's PDF and Factur-X to its parties only: 404 to every other organization's members and to consumers, 401 anonymously", async () => {
    const leaks: string[] = [];
    for (const producer of organizations.filter((organization) => organization.kind === 'PRODUCER')) {
      // The producer sold to the business of its own tenant.
      const parties = organizations
        .filter((organization) => organization.tenant === producer.tenant && organization.kind !== 'BRAND')
        .map((organization) => organization.owner);
      for (const format of ['pdf', 'factur-x']) {
        const path = `/invoices/${producer.objects.invoiceId}/${format}`;
        const get = (session?: TestSession) => {
          const call = request(stack.api.getHttpServer()).get(path);
          return session ? call.set('authorization', `Bearer ${session.accessToken}`) : call;
        };
        if ((await get()).status !== 401) leaks.push(`${path} anonymously`);
        for (const caller of everyone()) {
          const { status } = await get(caller);
          const expected = parties.includes(caller) ? 200 : 404;
          if (status !== expected) leaks.push(`${path} by ${caller.user.email}: ${status}, not ${expected}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('AUTH-11: no input lets a caller set a role, an owner, a status or a privilege', () => {
    const schema = stack.api.get(GraphQLSchemaHost).schema;
    const privileged =
      /^(role|roles|status|owner|ownerId|userId|createdBy|decidedBy|isPlatformAdmin|tokenVersion|memberships?)$/i;
    const offending = Object.values(schema.getTypeMap())
      .filter((type) => type.constructor.name === 'GraphQLInputObjectType')
      .flatMap((type) =>
        Object.keys((type as unknown as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`),
      )
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
      expect(seenByOwner.data).toEqual({
        organizationCard: { name: 'Ferme des Granges', members: [{ user: { email: owner.user.email } }] },
      });
    } finally {
      await app.close();
      dataDir.remove();
    }
  });
});
