import { randomUUID } from 'node:crypto';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createMarket, type Market } from './support/ordering-fixtures';

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
});
