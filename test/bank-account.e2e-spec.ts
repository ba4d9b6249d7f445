import { randomUUID } from 'node:crypto';
import { facturXXsdProblems, readFacturXPdf } from '@app/test-support';
import { checkEn16931Rules } from '@app/payments';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { downloadBytes } from './support/downloads';
import { waitFor } from './support/test-services';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createMarket, type Market, placeOrder } from './support/ordering-fixtures';

interface InvoiceView {
  id: string;
  number: string;
  payeeIban: string | null;
  payeeBic: string | null;
  pdfUrl: string;
  facturXUrl: string;
}
const INVOICE_OF_ORDER = `query { myOrders(first: 50) { edges { node { id supplierOrders { id invoice { id number payeeIban payeeBic pdfUrl facturXUrl } } } } } }`;

const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id iban bic } }`;
const READ = `query ($id: ID!) { organization(id: $id) { id iban bic } }`;
/** A public path to the producer: its products' producer. */
const PUBLIC_PRODUCER = `query ($id: ID!) { product(id: $id) { producer { id iban bic } } }`;

const GOOD_IBAN = 'FR7630006000011234567890189';
const WRONG_CHECK_DIGITS = 'FR76 3000 6000 0112 3456 7890 198';

describe.each<AppMode>(['embedded', 'production'])("a producer's bank details for transfers (%s)", (mode) => {
  let running: RunningApp;
  let market: Market;
  let member: TestSession;
  let stranger: TestSession;

  const update = (input: Record<string, unknown>, session: TestSession = market.farmer, id = market.farm) =>
    graphql<{ updateOrganization: { id: string; iban: string | null; bic: string | null } }>(
      running.app,
      UPDATE,
      { id, input },
      session.accessToken,
    );
  const stored = async (id = market.farm) =>
    (
      await running.em
        .fork()
        .execute<{ iban: string | null; bic: string | null }[]>('select iban, bic from organization where id = ?', [id])
    )[0];

  beforeAll(async () => {
    running = await startApp(mode, `bank-account-${mode}`);
    market = await createMarket(running.app);
    member = await registerUser(running.app, 'farmhand');
    stranger = await registerUser(running.app, 'stranger');
    await running.em
      .fork()
      .execute(
        `insert into membership (id, user_id, organization_id, role, created_at) values (?, ?, ?, 'MEMBER', ?)`,
        [randomUUID(), member.user.id, market.farm, new Date()],
      );
  }, 120_000);

  afterAll(() => running?.close());

  it('an owner records the IBAN as typed (spaces, lower case) and the BIC, normalised', async () => {
    const answer = await update({ iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri frpp 839' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.updateOrganization).toEqual({ id: market.farm, iban: GOOD_IBAN, bic: 'AGRIFRPP839' });
    expect(await stored()).toEqual({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' });
  });

  it('refuses a wrong check digit on iban, a BIC of the wrong shape on bic, and changes nothing', async () => {
    const wrong = await update({ iban: WRONG_CHECK_DIGITS, bic: 'BNPAFRPP' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'iban' });
    expect(wrong.errors?.[0].message).toMatch(/check digits/);
    const short = await update({ iban: 'FR76 3000 6000 0112 3456 7890 18' });
    expect(short.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'iban' });
    expect(short.errors?.[0].message).toBe('An IBAN of FR has 27 characters (this one has 26).');
    const bic = await update({ iban: 'DE89 3704 0044 0532 0130 00', bic: 'BNPAFRP' });
    expect(bic.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bic' });
    expect(await stored()).toEqual({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' });
  });

  it("refuses a member who is not an owner (FORBIDDEN), and a business's or a stranger's change", async () => {
    const byMember = await update({ iban: 'DE89370400440532013000' }, member);
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byStranger = await update({ iban: 'DE89370400440532013000' }, stranger);
    expect(byStranger.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(await stored()).toEqual({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' });
    const business = await update({ iban: GOOD_IBAN }, market.chef, market.restaurant);
    expect(business.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'iban' });
    expect(await stored(market.restaurant)).toEqual({ iban: null, bic: null });
  });

  it('shows it to its members, and null to anyone else on a public path', async () => {
    const toMember = await graphql<{ organization: { iban: string } }>(
      running.app,
      READ,
      { id: market.farm },
      member.accessToken,
    );
    expect(toMember.data!.organization).toMatchObject({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' });
    for (const token of [stranger.accessToken, market.chef.accessToken, undefined]) {
      const seen = await graphql<{ product: { producer: { id: string; iban: string | null; bic: string | null } } }>(
        running.app,
        PUBLIC_PRODUCER,
        { id: market.products.carrots },
        token,
      );
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.product.producer).toEqual({ id: market.farm, iban: null, bic: null });
    }
  });

  it('a BIC alone needs an IBAN; a new IBAN without a BIC drops the old BIC; an empty IBAN removes both', async () => {
    const newAccount = await update({ iban: 'DE89 3704 0044 0532 0130 00' });
    expect(newAccount.data!.updateOrganization).toMatchObject({ iban: 'DE89370400440532013000', bic: null });
    expect((await update({ bic: 'DEUTDEFF' })).data!.updateOrganization).toMatchObject({ bic: 'DEUTDEFF' });
    expect((await update({ iban: '' })).data!.updateOrganization).toMatchObject({ iban: null, bic: null });
    const bicAlone = await update({ bic: 'DEUTDEFF' });
    expect(bicAlone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'iban' });
    expect(await stored()).toEqual({ iban: null, bic: null });
    expect((await update({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' })).errors).toBeUndefined();
  });

  const bytesOf = async (path: string) =>
    (await downloadBytes(running.app.getHttpServer(), path, market.chef.accessToken).expect(200)).body as Buffer;

  /** The chef orders carrots on invoice from the farm, which delivers them: its invoice, as the chef reads it. */
  async function deliveredInvoice(paymentMethod: 'INVOICE' | 'CARD' = 'INVOICE'): Promise<InvoiceView> {
    const placed = await placeOrder(running.app, market.chef.accessToken, {
      paymentMethod,
      buyerOrganizationId: market.restaurant,
      lines: [{ productId: market.products.carrots, quantity: 12 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
    });
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    const part = order.supplierOrders[0];
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      const moved = await graphql(
        running.app,
        'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { status } }',
        { id: part.id, status },
        market.farmer.accessToken,
      );
      expect(moved.errors).toBeUndefined();
    }
    return waitFor<InvoiceView>(
      async () => {
        const answer = await graphql<{
          myOrders: { edges: { node: { id: string; supplierOrders: { invoice: InvoiceView | null }[] } }[] };
        }>(running.app, INVOICE_OF_ORDER, {}, market.chef.accessToken);
        return (
          answer.data?.myOrders.edges.find((edge) => edge.node.id === order.id)?.node.supplierOrders[0].invoice ??
          undefined
        );
      },
      { what: 'the invoice', timeoutMs: 20_000 },
    );
  }

  it("writes the producer's IBAN and BIC at issue into an invoice paid by transfer: the Invoice fields, its PDF and its Factur-X", async () => {
    const invoice = await deliveredInvoice();
    expect(invoice).toMatchObject({ payeeIban: GOOD_IBAN, payeeBic: 'AGRIFRPP839' });
    const pdf = await readFacturXPdf(await bytesOf(invoice.pdfUrl));
    expect(pdf.text.replace(/[\s\u00a0]+/g, ' ')).toContain(
      'Règlement par virement — IBAN : FR76 3000 6000 0112 3456 7890 189 — BIC : AGRIFRPP839',
    );
    const facturX = await readFacturXPdf(await bytesOf(invoice.facturXUrl));
    const xml = facturX.attachments['factur-x.xml'];
    expect(xml).toContain(
      `<ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>${GOOD_IBAN}</ram:IBANID>`,
    );
    expect(xml).toContain('<ram:BICID>AGRIFRPP839</ram:BICID>');
    expect(facturXXsdProblems(xml)).toEqual([]);
    expect(checkEn16931Rules(xml)).toEqual([]);

    // The producer changes its account afterwards: the invoice issued keeps the account it was issued with.
    expect((await update({ iban: 'DE89370400440532013000' })).errors).toBeUndefined();
    const again = await graphql<{
      myOrders: { edges: { node: { supplierOrders: { invoice: InvoiceView | null }[] } }[] };
    }>(running.app, INVOICE_OF_ORDER, {}, market.chef.accessToken);
    const same = again
      .data!.myOrders.edges.flatMap((edge) => edge.node.supplierOrders)
      .find((p) => p.invoice?.id === invoice.id);
    expect(same?.invoice).toMatchObject({ payeeIban: GOOD_IBAN, payeeBic: 'AGRIFRPP839' });
    const next = await deliveredInvoice();
    expect(next).toMatchObject({ payeeIban: 'DE89370400440532013000', payeeBic: null });
  });

  it('carries no bank details when the producer has none', async () => {
    expect((await update({ iban: '' })).errors).toBeUndefined();
    const invoice = await deliveredInvoice();
    expect(invoice).toMatchObject({ payeeIban: null, payeeBic: null });
    const pdf = await readFacturXPdf(await bytesOf(invoice.pdfUrl));
    expect(pdf.text).not.toContain('IBAN');
    expect((await update({ iban: GOOD_IBAN, bic: 'AGRIFRPP839' })).errors).toBeUndefined();
  });
});
