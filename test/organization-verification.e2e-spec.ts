import { registerPlatformAdmin } from './support/admin-client';
import { type AppMode, rowCounts, type RunningApp, startApp } from './support/app-modes';
import { createProduct, PLACES } from './support/catalog-fixtures';
import { type FakeSirene, startFakeSirene } from './support/fake-sirene';
import { graphql } from './support/graphql-client';
import { randomSiret, registerUser, type TestSession } from './support/identity-client';
import { businessAt, createDeliveryOption, placeOrder } from './support/ordering-fixtures';
import { waitFor } from './support/test-services';

/**
 * Issue #20 item 5: nobody can pose as a company. A SIRET typed proves nothing: a new organization is UNVERIFIED, its
 * SIRET looked up in SIRENE (a fake server here) for the admin, who decides; a second claim of the same SIRET is
 * possible and verification settles it; an unverified producer neither issues invoices nor receives payouts, and a
 * rejected business does not buy on credit.
 */
const CREATE =
  'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id verificationStatus } }';
const VERIFICATION =
  'query ($id: ID!) { organization(id: $id) { id verificationStatus verification { status reason decidedAt sirene { outcome active legalName address checkedAt } } } }';
const VERIFY =
  'mutation ($id: ID!, $decision: OrganizationVerificationDecision!, $reason: String!) { verifyOrganization(id: $id, decision: $decision, reason: $reason) { id verificationStatus } }';
const AWAITING =
  '{ adminOrganizations(verificationStatus: UNVERIFIED, first: 50) { edges { node { id name siret verification { status sirene { outcome legalName } } } } } }';
const TABLES = ['organization', 'audit_entry', 'outbox_message', 'sent_email'];
const STOCK = 'query ($id: ID!) { product(id: $id) { stock } }';

interface VerificationView {
  id: string;
  verificationStatus: string;
  verification: {
    status: string;
    reason: string | null;
    decidedAt: string | null;
    sirene: { outcome: string; active: boolean | null; legalName: string | null; address: string | null } | null;
  };
}

describe.each<AppMode>(['embedded', 'production'])('verifying organizations (%s mode)', (mode) => {
  let sirene: FakeSirene;
  let running: RunningApp;
  let admin: TestSession;

  const createProducer = async (owner: TestSession, name: string, siret: string, place = PLACES.gueret) => {
    const response = await graphql<{ createOrganization: { id: string; verificationStatus: string } }>(
      running.app,
      CREATE,
      { input: { kind: 'PRODUCER', name, siret, address: { line1: '1 route de la ferme', ...place } } },
      owner.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createOrganization;
  };
  const verificationOf = async (session: TestSession, id: string) =>
    (await graphql<{ organization: VerificationView }>(running.app, VERIFICATION, { id }, session.accessToken)).data!
      .organization;
  const decide = (session: TestSession, id: string, decision: string, reason: string) =>
    graphql<{ verifyOrganization: { id: string; verificationStatus: string } }>(
      running.app,
      VERIFY,
      { id, decision, reason },
      session.accessToken,
    );
  const counts = () => rowCounts(running.em.fork(), TABLES);
  /** Every job written so far has run: the counts of a refused mutation are then stable. */
  const settled = () =>
    waitFor(
      async () =>
        Number(
          (
            await running.em
              .fork()
              .execute(
                `select (select count(*) from outbox_message where dispatched_at is null) + (select count(*) from outbox_delivery where completed_at is null and failed_at is null) as n`,
              )
          )[0].n,
        ) === 0,
      { what: 'the jobs to run' },
    );

  beforeAll(async () => {
    sirene = await startFakeSirene();
    running = await startApp(mode, `verification_${mode}`, {
      SIRENE_API_URL: sirene.url,
      SIRENE_API_TOKEN: sirene.token,
      JOB_BACKOFF_MS: '50',
    });
    admin = await registerPlatformAdmin(running.app, running.em, 'verifier');
  });

  afterAll(async () => {
    await running.close();
    await sirene.close();
  });

  it('lets a second claim of a SIRET in, each UNVERIFIED, with what SIRENE says of it for the admin', async () => {
    const siret = randomSiret();
    sirene.register(siret, {
      legalName: 'EARL DU GUE',
      active: true,
      address: { number: '4', streetType: 'RTE', street: 'DE LA FERME', postalCode: '23000', commune: 'GUERET' },
    });
    const squatter = await registerUser(running.app, 'squatter');
    const farmer = await registerUser(running.app, 'farmer');
    const first = await createProducer(squatter, 'Ferme du Gué (copie)', siret);
    // Before issue #20 the farm itself was refused here (CONFLICT): the first to type its SIRET blocked it.
    const second = await createProducer(farmer, 'Ferme du Gué', siret);
    expect([first.verificationStatus, second.verificationStatus]).toEqual(['UNVERIFIED', 'UNVERIFIED']);

    const looked = await waitFor(
      async () => {
        const view = await verificationOf(farmer, second.id);
        return view.verification.sirene ? view : undefined;
      },
      { what: 'the SIRENE lookup' },
    );
    expect(looked.verification).toMatchObject({
      status: 'UNVERIFIED',
      reason: null,
      sirene: { outcome: 'FOUND', active: true, legalName: 'EARL DU GUE', address: '4 RTE DE LA FERME, 23000 GUERET' },
    });
    expect(sirene.requests.filter((asked) => asked === siret)).toHaveLength(2);

    // The admin's queue lists both claims with the directory's answer.
    const queue = await graphql<{
      adminOrganizations: { edges: { node: { id: string; verification: { sirene: { legalName: string } } } }[] };
    }>(running.app, AWAITING, {}, admin.accessToken);
    const listed = queue.data!.adminOrganizations.edges.map((edge) => edge.node.id);
    expect(listed).toEqual(expect.arrayContaining([first.id, second.id]));

    // A stranger sees neither the status' reason nor the SIRENE answer.
    const stranger = await registerUser(running.app, 'stranger');
    const hidden = await graphql(running.app, VERIFICATION, { id: second.id }, stranger.accessToken);
    expect(hidden.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await graphql(running.app, AWAITING, {}, stranger.accessToken)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('keeps a closed establishment, an unknown SIRET and a directory outage (retried) for the admin', async () => {
    const owner = await registerUser(running.app, 'closed');
    const closedSiret = randomSiret();
    sirene.register(closedSiret, {
      legalName: 'GAEC FERME',
      active: false,
      address: { street: 'LE BOURG', postalCode: '87000', commune: 'LIMOGES' },
    });
    const closed = await createProducer(owner, 'Ferme fermée', closedSiret);
    const unknown = await createProducer(owner, 'Ferme inconnue', randomSiret());
    sirene.failNext(503, 2);
    const outage = randomSiret();
    sirene.register(outage, {
      legalName: 'SCEA APRES PANNE',
      active: true,
      address: { street: 'LA GARE', postalCode: '23000', commune: 'GUERET' },
    });
    const retried = await createProducer(owner, 'Ferme après panne', outage);
    const sireneOf = (id: string) =>
      waitFor(async () => (await verificationOf(owner, id)).verification.sirene ?? undefined, {
        what: 'the SIRENE lookup',
      });
    expect(await sireneOf(closed.id)).toMatchObject({ outcome: 'FOUND', active: false, legalName: 'GAEC FERME' });
    expect(await sireneOf(unknown.id)).toMatchObject({ outcome: 'NOT_FOUND', active: null, legalName: null });
    expect(await sireneOf(retried.id)).toMatchObject({ outcome: 'FOUND', legalName: 'SCEA APRES PANNE' });
  });

  it('verifyOrganization refuses non-admins, bad reasons and unknown ids, and changes nothing', async () => {
    const owner = await registerUser(running.app, 'impatient');
    const claim = await createProducer(owner, 'Ferme pressée', randomSiret());
    await settled();
    const before = await counts();
    const refusals: [TestSession, string, string, string, Record<string, unknown>][] = [
      [owner, claim.id, 'VERIFIED', 'Je suis bien moi', { code: 'FORBIDDEN' }],
      [admin, claim.id, 'VERIFIED', '   ', { code: 'BAD_USER_INPUT', field: 'reason' }],
      [admin, claim.id, 'REJECTED', 'x'.repeat(1001), { code: 'BAD_USER_INPUT', field: 'reason' }],
      [admin, '00000000-0000-4000-8000-000000000000', 'VERIFIED', 'Kbis reçu', { code: 'NOT_FOUND' }],
      [admin, 'not-an-id', 'VERIFIED', 'Kbis reçu', { code: 'NOT_FOUND' }],
    ];
    for (const [session, id, decision, reason, expected] of refusals) {
      const answer = await decide(session, id, decision, reason);
      expect(answer.errors?.[0].extensions).toMatchObject(expected);
    }
    const undecidable = await graphql(
      running.app,
      'mutation ($id: ID!) { verifyOrganization(id: $id, decision: UNVERIFIED, reason: "r") { id } }',
      { id: claim.id },
      admin.accessToken,
    );
    expect(undecidable.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);
    expect((await verificationOf(owner, claim.id)).verificationStatus).toBe('UNVERIFIED');
  });

  it('verifying one claim rejects the others, tells their members in French, and is written to the audit log', async () => {
    const siret = randomSiret();
    const squatter = await registerUser(running.app, 'squatter2');
    const farmer = await registerUser(running.app, 'farmer2');
    const fake = await createProducer(squatter, 'Faux Vergers', siret);
    const real = await createProducer(farmer, 'Vergers du Limousin', siret);
    const verified = await decide(admin, real.id, 'VERIFIED', 'Kbis et SIRENE concordent.');
    expect(verified.data?.verifyOrganization).toEqual({ id: real.id, verificationStatus: 'VERIFIED' });
    expect((await verificationOf(squatter, fake.id)).verification).toMatchObject({
      status: 'REJECTED',
      reason: 'Une autre organisation a été vérifiée pour ce SIRET.',
    });
    expect((await verificationOf(farmer, real.id)).verification).toMatchObject({
      status: 'VERIFIED',
      reason: 'Kbis et SIRENE concordent.',
    });

    const audit = await running.em
      .fork()
      .execute<{ action: string; target_id: string; reason: string }[]>(
        'select action, target_id, reason from audit_entry where target_id in (?, ?) and action like ? order by action',
        [fake.id, real.id, 'organization.%'],
      );
    expect(audit).toEqual([
      {
        action: 'organization.rejected',
        target_id: fake.id,
        reason: 'Une autre organisation a été vérifiée pour ce SIRET.',
      },
      { action: 'organization.verified', target_id: real.id, reason: 'Kbis et SIRENE concordent.' },
    ]);

    const mails = await waitFor(
      async () => {
        const rows = await running.em
          .fork()
          .execute<{ recipient: string; subject: string; text: string }[]>(
            'select recipient, subject, text from sent_email where recipient in (?, ?) and subject not like ?',
            [squatter.user.email, farmer.user.email, 'Bienvenue%'],
          );
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'the decision e-mails' },
    );
    const byRecipient = Object.fromEntries(mails.map((mail) => [mail.recipient, mail]));
    expect(byRecipient[farmer.user.email].subject).toBe('Vergers du Limousin est vérifiée');
    expect(byRecipient[farmer.user.email].text).toContain('émettre vos factures');
    expect(byRecipient[squatter.user.email].subject).toBe('Faux Vergers n’a pas pu être vérifiée');
    expect(byRecipient[squatter.user.email].text).toContain(
      'Motif\u00a0: Une autre organisation a été vérifiée pour ce SIRET.',
    );

    // The other claim cannot be verified now (one company, one verified organization), nor the verified one again.
    await settled();
    const before = await counts();
    expect((await decide(admin, fake.id, 'VERIFIED', 'Erreur')).errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
    });
    expect((await decide(admin, real.id, 'REJECTED', 'Revirement')).errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 'VERIFIED',
    });
    expect((await decide(admin, fake.id, 'REJECTED', 'Encore')).errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      status: 'REJECTED',
    });
    expect(await counts()).toEqual(before);
  });

  it('two claims verified at once: one wins, the other is refused, and one organization is VERIFIED for the SIRET', async () => {
    const siret = randomSiret();
    const claims = await Promise.all(
      ['race-a', 'race-b'].map(async (label) =>
        createProducer(await registerUser(running.app, label), `Ferme ${label}`, siret),
      ),
    );
    const answers = await Promise.all(
      claims.map((claim) => decide(admin, claim.id, 'VERIFIED', 'Les deux en même temps')),
    );
    const codes = answers.map((answer) => answer.errors?.[0].extensions.code ?? 'OK').sort();
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code !== 'OK')[0]).toMatch(/^(CONFLICT|INVALID_STATE_TRANSITION)$/);
    const statuses = await running.em
      .fork()
      .execute<{ verification_status: string }[]>(
        'select verification_status from organization where siret = ? order by verification_status',
        [siret],
      );
    expect(statuses.map((row) => row.verification_status)).toEqual(['REJECTED', 'VERIFIED']);
  });

  if (mode === 'production')
    it('PostgreSQL itself keeps at most one VERIFIED organization of a kind per SIRET (partial unique index)', async () => {
      const siret = randomSiret();
      const claims = await Promise.all(
        ['index-a', 'index-b'].map(async (label) =>
          createProducer(await registerUser(running.app, label), `Ferme ${label}`, siret),
        ),
      );
      const verify = (id: string) =>
        running.em.fork().execute(`update organization set verification_status = 'VERIFIED' where id = ?`, [id]);
      await verify(claims[0].id);
      await expect(verify(claims[1].id)).rejects.toThrow(/organization_verified_siret_unique/);
    });

  it('an unverified producer takes no invoice order and opens no payouts; once verified, it does', async () => {
    const farmer = await registerUser(running.app, 'newfarmer');
    const chef = await registerUser(running.app, 'newchef');
    const farm = await createProducer(farmer, 'Ferme nouvelle', randomSiret());
    const butter = await createProduct(running.app, farmer, {
      producerId: farm.id,
      name: 'Beurre',
      category: 'DAIRY_CHEESE',
      priceCents: 900,
      stock: 40,
    });
    const pickup = await createDeliveryOption(running.app, farmer, {
      producerId: farm.id,
      mode: 'PICKUP',
      label: 'Retrait à la ferme',
    });
    const restaurant = await businessAt(running.app, chef, 'Bistrot du coin', PLACES.gueret);
    const order = () =>
      placeOrder(running.app, chef.accessToken, {
        buyerOrganizationId: restaurant,
        lines: [{ productId: butter.id, quantity: 2 }],
        deliveries: [{ producerId: farm.id, deliveryOptionId: pickup }],
      });
    const stock = async () =>
      (await graphql<{ product: { stock: number } }>(running.app, STOCK, { id: butter.id })).data!.product.stock;
    await settled();
    const before = await rowCounts(running.em.fork(), ['customer_order', 'supplier_order', 'outbox_message']);

    const refused = await order();
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PRODUCER_NOT_PAYABLE',
      reason: 'ORGANIZATION_NOT_VERIFIED',
      producerId: farm.id,
      producerName: 'Ferme nouvelle',
    });
    const payouts = await graphql(
      running.app,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: farm.id },
      farmer.accessToken,
    );
    expect(payouts.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      reason: 'ORGANIZATION_NOT_VERIFIED',
      status: 'UNVERIFIED',
    });
    expect(await stock()).toBe(40);
    expect(await rowCounts(running.em.fork(), ['customer_order', 'supplier_order', 'outbox_message'])).toEqual(before);

    expect((await decide(admin, farm.id, 'VERIFIED', 'Avis de situation SIRENE reçu.')).errors).toBeUndefined();
    const placed = await order();
    expect(placed.errors).toBeUndefined();
    expect(await stock()).toBe(38);
  });

  it('a rejected business does not pay by invoice; an unverified one does, within the new-buyer cap', async () => {
    const farmer = await registerUser(running.app, 'capfarmer');
    const farm = await createProducer(farmer, 'Ferme vérifiée', randomSiret());
    await decide(admin, farm.id, 'VERIFIED', 'Kbis reçu.');
    const cheese = await createProduct(running.app, farmer, {
      producerId: farm.id,
      name: 'Tomme',
      category: 'DAIRY_CHEESE',
      priceCents: 1500,
      stock: 30,
    });
    const pickup = await createDeliveryOption(running.app, farmer, {
      producerId: farm.id,
      mode: 'PICKUP',
      label: 'Retrait',
    });
    const chef = await registerUser(running.app, 'rejectedchef');
    const honest = await businessAt(running.app, chef, 'Auberge honnête', PLACES.gueret);
    const posing = await businessAt(running.app, chef, 'Auberge douteuse', PLACES.gueret);
    expect((await decide(admin, posing, 'REJECTED', 'Le SIRET est celui d’une autre auberge.')).errors).toBeUndefined();
    const order = (buyerOrganizationId: string) =>
      placeOrder(running.app, chef.accessToken, {
        buyerOrganizationId,
        lines: [{ productId: cheese.id, quantity: 1 }],
        deliveries: [{ producerId: farm.id, deliveryOptionId: pickup }],
      });
    await settled();
    const before = await rowCounts(running.em.fork(), ['customer_order', 'supplier_order']);
    expect((await order(posing)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paymentMethod',
      reason: 'ORGANIZATION_NOT_VERIFIED',
    });
    expect(await rowCounts(running.em.fork(), ['customer_order', 'supplier_order'])).toEqual(before);
    expect((await order(honest)).errors).toBeUndefined();
  });
});
