import { registerPlatformAdmin } from './support/admin-client';
import { rowCounts } from './support/app-modes';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const CREATE_BRAND = 'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id status } }';
const APPLY =
  'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p, message: "Éleveurs depuis 1920") { id status } }';
const DECIDE_MEMBERSHIP =
  'mutation ($id: ID!, $approve: Boolean!, $reason: String) { decideBrandMembership(id: $id, approve: $approve, reason: $reason) { id status } }';
const VERIFY = 'mutation ($id: ID!) { verifyBrand(id: $id) { id status verifiedAt } }';
const REQUEST_LABEL = 'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id status } }';
const DECIDE_LABEL =
  'mutation ($id: ID!, $approve: Boolean!, $reason: String) { decideProductLabel(id: $id, approve: $approve, reason: $reason) { id status reason } }';
const QUEUE = `query ($brand: ID!, $status: ApprovalStatus, $first: Int, $after: String) {
  productLabels(brandId: $brand, status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status reason requestedAt suspended product { name } brand { slug } } }
  }
}`;

interface QueuePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { id: string; status: string; reason: string | null; product: { name: string } } }[];
}

describe('labels a brand can run, and brands verified before they decide (issue 19 items 5 and 6)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let manager: TestSession;
  let farmer: TestSession;
  let stranger: TestSession;
  let admin: TestSession;
  let brandId: string;
  let farmId: string;
  let membershipId: string;
  const products: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startProductionStack('brand_labels');
    manager = await registerUser(stack.api, 'manager');
    farmer = await registerUser(stack.api, 'farmer');
    stranger = await registerUser(stack.api, 'stranger');
    admin = await registerPlatformAdmin(stack.api, stack.em);
    const association = await createOrganization(stack.api, manager.accessToken, 'BRAND', 'Association Creuse');
    const created = await graphql<{ createBrand: { id: string; status: string } }>(
      stack.api,
      CREATE_BRAND,
      {
        input: {
          organizationId: association.id,
          name: "C'est creusois",
          slug: 'cest-creusois',
          departmentCodes: ['23'],
        },
      },
      manager.accessToken,
    );
    expect(created.data?.createBrand.status).toBe('PENDING_VERIFICATION');
    brandId = created.data!.createBrand.id;
    farmId = await producerAt(stack.api, farmer, 'Ferme de Guéret', PLACES.gueret);
    for (const name of ['Comté', 'Miel', 'Pommes', 'Lentilles']) {
      products[name] = (
        await createProduct(stack.api, farmer, { producerId: farmId, name, category: 'DAIRY_CHEESE', priceCents: 1000 })
      ).id;
    }
  });

  afterAll(() => stack.close());

  describe('a new brand waits for a platform admin', () => {
    it('is invisible to `brands` and `brand(slug)` for the public and for strangers, visible to its managers', async () => {
      for (const session of [undefined, stranger, farmer, admin]) {
        expect((await graphql(stack.api, '{ brands { slug } }', {}, session?.accessToken)).data).toEqual({
          brands: [],
        });
        expect(
          (await graphql(stack.api, '{ brand(slug: "cest-creusois") { id } }', {}, session?.accessToken)).data,
        ).toEqual({ brand: null });
      }
      expect((await graphql(stack.api, '{ brands { slug status } }', {}, manager.accessToken)).data).toEqual({
        brands: [{ slug: 'cest-creusois', status: 'PENDING_VERIFICATION' }],
      });
      expect(
        (await graphql(stack.api, '{ brand(slug: "cest-creusois") { id } }', {}, manager.accessToken)).data,
      ).toEqual({ brand: { id: brandId } });
      // Support finds it among the brands to verify.
      const pending = await graphql<{ adminBrands: { id: string }[] }>(
        stack.api,
        '{ adminBrands(status: PENDING_VERIFICATION) { id } }',
        {},
        admin.accessToken,
      );
      expect(pending.data?.adminBrands).toEqual([{ id: brandId }]);
    });

    it('cannot approve an application (BRAND_NOT_VERIFIED), and nothing changes', async () => {
      const applied = await graphql<{ applyToBrand: { id: string } }>(
        stack.api,
        APPLY,
        { b: brandId, p: farmId },
        farmer.accessToken,
      );
      membershipId = applied.data!.applyToBrand.id;
      // The managers' e-mail goes out before the application is decided further down (decided first, none is sent).
      await stack.drainOutbox();
      const before = await rowCounts(stack.em, ['brand_decision', 'audit_entry']);
      const refused = await graphql(
        stack.api,
        DECIDE_MEMBERSHIP,
        { id: membershipId, approve: true },
        manager.accessToken,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_STATE_TRANSITION',
        reason: 'BRAND_NOT_VERIFIED',
      });
      expect(refused.errors?.[0].message).toContain('waiting for its verification');
      expect(await rowCounts(stack.em, ['brand_decision', 'audit_entry'])).toEqual(before);
      expect(
        (await stack.em.fork().execute('select status from brand_membership where id = ?', [membershipId]))[0].status,
      ).toBe('PENDING');
    });

    it('is verified by a platform admin only: FORBIDDEN to its own manager and to anyone else, NOT_FOUND for an unknown id', async () => {
      const before = await rowCounts(stack.em, ['audit_entry']);
      for (const session of [manager, farmer, stranger]) {
        expect(
          (await graphql(stack.api, VERIFY, { id: brandId }, session.accessToken)).errors?.[0].extensions.code,
        ).toBe('FORBIDDEN');
      }
      expect((await graphql(stack.api, VERIFY, { id: brandId })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(
        (await graphql(stack.api, VERIFY, { id: '00000000-0000-4000-8000-000000000000' }, admin.accessToken))
          .errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
      expect(await rowCounts(stack.em, ['audit_entry'])).toEqual(before);
      expect((await stack.em.fork().execute('select status from brand where id = ?', [brandId]))[0].status).toBe(
        'PENDING_VERIFICATION',
      );
    });

    it('once verified, is public and decides; the verification is in the audit log', async () => {
      const verified = await graphql<{ verifyBrand: { status: string; verifiedAt: string } }>(
        stack.api,
        VERIFY,
        { id: brandId },
        admin.accessToken,
      );
      expect(verified.data?.verifyBrand.status).toBe('VERIFIED');
      expect((await graphql(stack.api, VERIFY, { id: brandId }, admin.accessToken)).errors?.[0].extensions.code).toBe(
        'INVALID_STATE_TRANSITION',
      );
      expect((await graphql(stack.api, '{ brands { slug } }')).data).toEqual({ brands: [{ slug: 'cest-creusois' }] });
      expect(
        (await graphql(stack.api, '{ brand(slug: "cest-creusois") { id } }', {}, stranger.accessToken)).data,
      ).toEqual({ brand: { id: brandId } });
      const audit = await stack.em
        .fork()
        .execute("select actor_id, target_id from audit_entry where action = 'brand.verified'");
      expect(audit).toEqual([{ actor_id: admin.user.id, target_id: brandId }]);
      expect(
        (
          await graphql(
            stack.api,
            DECIDE_MEMBERSHIP,
            { id: membershipId, approve: true, reason: 'Bienvenue' },
            manager.accessToken,
          )
        ).data,
      ).toEqual({
        decideBrandMembership: { id: membershipId, status: 'APPROVED' },
      });
    });
  });

  describe('the label queue', () => {
    const labelIds: Record<string, string> = {};

    beforeAll(async () => {
      for (const name of ['Comté', 'Miel', 'Pommes']) {
        const asked = await graphql<{ requestProductLabel: { id: string } }>(
          stack.api,
          REQUEST_LABEL,
          { p: products[name], b: brandId },
          farmer.accessToken,
        );
        labelIds[name] = asked.data!.requestProductLabel.id;
      }
      await stack.drainOutbox();
    });

    it("tells the brand's managers of its verification, new applications and label requests by e-mail", async () => {
      // Jobs run in parallel: the e-mails are compared in the order of their subjects.
      const sent = await stack.em
        .fork()
        .execute<{ subject: string; text: string }[]>(
          "select subject, text from sent_email where recipient = ? and subject <> 'Bienvenue sur Ancrage' order by subject",
          [manager.user.email],
        );
      expect(sent.map((email) => email.subject)).toEqual([
        "C'est creusois est vérifiée",
        "Demande de label C'est creusois\u00a0: Comté",
        "Demande de label C'est creusois\u00a0: Miel",
        "Demande de label C'est creusois\u00a0: Pommes",
        "Nouvelle candidature à C'est creusois\u00a0: Ferme de Guéret",
      ]);
      expect(sent[0].text).toContain('peut désormais accepter des producteurs');
      expect(sent[1].text).toContain('Ferme de Guéret demande le label');
      expect(sent[1].text).toContain('/marque/labels?marque=cest-creusois');
      expect(sent[4].text).toContain('/marque/candidatures?marque=cest-creusois');
    });

    it('pages the pending requests oldest first, then lists each status', async () => {
      const first = await graphql<{ productLabels: QueuePage }>(
        stack.api,
        QUEUE,
        { brand: brandId, status: 'PENDING', first: 2 },
        manager.accessToken,
      );
      expect(first.data?.productLabels).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
      expect(first.data!.productLabels.edges.map((edge) => edge.node.product.name)).toEqual(['Comté', 'Miel']);
      const second = await graphql<{ productLabels: QueuePage }>(
        stack.api,
        QUEUE,
        { brand: brandId, status: 'PENDING', first: 2, after: first.data!.productLabels.pageInfo.endCursor },
        manager.accessToken,
      );
      expect(second.data?.productLabels).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
      expect(second.data!.productLabels.edges.map((edge) => edge.node.product.name)).toEqual(['Pommes']);

      await graphql(stack.api, DECIDE_LABEL, { id: labelIds['Comté'], approve: true }, manager.accessToken);
      await graphql(
        stack.api,
        DECIDE_LABEL,
        { id: labelIds['Miel'], approve: false, reason: 'Le miel doit venir de ruchers creusois.' },
        manager.accessToken,
      );
      const names = async (status: string) =>
        (
          await graphql<{ productLabels: QueuePage }>(stack.api, QUEUE, { brand: brandId, status }, manager.accessToken)
        ).data!.productLabels.edges.map((edge) => [edge.node.product.name, edge.node.reason]);
      expect(await names('PENDING')).toEqual([['Pommes', null]]);
      expect(await names('APPROVED')).toEqual([['Comté', null]]);
      expect(await names('REJECTED')).toEqual([['Miel', 'Le miel doit venir de ruchers creusois.']]);
      const all = await graphql<{ productLabels: QueuePage }>(
        stack.api,
        QUEUE,
        { brand: brandId },
        manager.accessToken,
      );
      expect(all.data?.productLabels.totalCount).toBe(3);
    });

    it('is for the brand managers only, and refuses a page size or a cursor that make no sense', async () => {
      for (const session of [farmer, stranger]) {
        expect(
          (await graphql(stack.api, QUEUE, { brand: brandId }, session.accessToken)).errors?.[0].extensions.code,
        ).toBe('NOT_FOUND');
      }
      expect((await graphql(stack.api, QUEUE, { brand: brandId })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(
        (await graphql(stack.api, QUEUE, { brand: brandId, first: 0 }, manager.accessToken)).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(
        (await graphql(stack.api, QUEUE, { brand: brandId, after: 'bm9wZQ' }, manager.accessToken)).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('refuses a refusal without a reason, and keeps every decision in the history', async () => {
      const before = await rowCounts(stack.em, ['brand_decision']);
      const refused = await graphql(
        stack.api,
        DECIDE_LABEL,
        { id: labelIds.Pommes, approve: false, reason: '  ' },
        manager.accessToken,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(await rowCounts(stack.em, ['brand_decision'])).toEqual(before);
      const history = await stack.em
        .fork()
        .execute(
          "select subject, subject_id, from_status, to_status, reason, decided_by_id from brand_decision where subject = 'PRODUCT_LABEL' order by decided_at",
        );
      expect(history).toEqual([
        {
          subject: 'PRODUCT_LABEL',
          subject_id: labelIds['Comté'],
          from_status: 'PENDING',
          to_status: 'APPROVED',
          reason: null,
          decided_by_id: manager.user.id,
        },
        {
          subject: 'PRODUCT_LABEL',
          subject_id: labelIds.Miel,
          from_status: 'PENDING',
          to_status: 'REJECTED',
          reason: 'Le miel doit venir de ruchers creusois.',
          decided_by_id: manager.user.id,
        },
      ]);
    });

    it("shows the producer every request of its product with its status and the brand's reason, and no one else", async () => {
      const query = `query ($id: ID!) { product(id: $id) { labelRequests { status reason brand { name } decidedBy { displayName } decisions { fromStatus toStatus reason } } } }`;
      const seen = await graphql<{ product: { labelRequests: unknown[] } }>(
        stack.api,
        query,
        { id: products.Miel },
        farmer.accessToken,
      );
      expect(seen.data?.product.labelRequests).toEqual([
        {
          status: 'REJECTED',
          reason: 'Le miel doit venir de ruchers creusois.',
          brand: { name: "C'est creusois" },
          decidedBy: { displayName: 'Test manager' },
          decisions: [
            { fromStatus: 'PENDING', toStatus: 'REJECTED', reason: 'Le miel doit venir de ruchers creusois.' },
          ],
        },
      ]);
      expect(
        (
          await graphql<{ product: { labelRequests: unknown[] } }>(
            stack.api,
            query,
            { id: products.Lentilles },
            farmer.accessToken,
          )
        ).data?.product.labelRequests,
      ).toEqual([]);
      for (const session of [stranger, undefined]) {
        const refused = await graphql(stack.api, query, { id: products.Miel }, session?.accessToken);
        expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect(JSON.stringify(refused)).not.toContain('ruchers');
      }
      // The public sees the labels shown, only.
      expect(
        (await graphql(stack.api, '{ product(id: "' + products['Comté'] + '") { labels { status brand { slug } } } }'))
          .data,
      ).toEqual({
        product: { labels: [{ status: 'APPROVED', brand: { slug: 'cest-creusois' } }] },
      });
    });

    it('a refused label asked again goes back to the queue, and a brand whose verification is withdrawn approves no label', async () => {
      expect(
        (await graphql(stack.api, REQUEST_LABEL, { p: products.Miel, b: brandId }, farmer.accessToken)).data,
      ).toEqual({ requestProductLabel: { id: labelIds.Miel, status: 'PENDING' } });
      // No operation withdraws a verification; the row is set back directly to exercise the rule on labels.
      await stack.em.fork().execute("update brand set status = 'PENDING_VERIFICATION' where id = ?", [brandId]);
      const before = await rowCounts(stack.em, ['brand_decision']);
      const refused = await graphql(stack.api, DECIDE_LABEL, { id: labelIds.Miel, approve: true }, manager.accessToken);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_STATE_TRANSITION',
        reason: 'BRAND_NOT_VERIFIED',
      });
      expect(await rowCounts(stack.em, ['brand_decision'])).toEqual(before);
      await stack.em.fork().execute("update brand set status = 'VERIFIED' where id = ?", [brandId]);
    });

    it('lists the decided labels newest decision first', async () => {
      await graphql(stack.api, DECIDE_LABEL, { id: labelIds.Pommes, approve: true }, manager.accessToken);
      const approved = await graphql<{ productLabels: QueuePage }>(
        stack.api,
        QUEUE,
        { brand: brandId, status: 'APPROVED', first: 1 },
        manager.accessToken,
      );
      expect(approved.data!.productLabels.edges.map((edge) => edge.node.product.name)).toEqual(['Pommes']);
      const older = await graphql<{ productLabels: QueuePage }>(
        stack.api,
        QUEUE,
        { brand: brandId, status: 'APPROVED', first: 1, after: approved.data!.productLabels.pageInfo.endCursor },
        manager.accessToken,
      );
      expect(older.data!.productLabels).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
      expect(older.data!.productLabels.edges.map((edge) => edge.node.product.name)).toEqual(['Comté']);
    });
  });
});
