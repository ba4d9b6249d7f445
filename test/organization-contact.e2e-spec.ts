import { randomUUID } from 'node:crypto';
import { type AuthUser, Organization } from '@app/identity';
import { ContactVisibility } from '@app/ordering';
import { registerPlatformAdmin } from './support/admin-client';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createMarket, type Market, placeOrder } from './support/ordering-fixtures';

type Contact = { id: string; phone: string | null; contactEmail: string | null };

const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id phone contactEmail } }`;
const READ = `query ($id: ID!) { organization(id: $id) { id phone contactEmail } }`;
/** Anyone's path to a producer: its products' producer. */
const PUBLIC_PRODUCER = `query ($id: ID!) { product(id: $id) { producer { id phone contactEmail } } }`;
/** The producer's path to its buyer: its supplier orders' buyer organization. */
const BUYERS = `query ($producerId: ID!) { supplierOrders(producerId: $producerId) { edges { node { buyerOrganization { id phone contactEmail } } } } }`;

describe.each<AppMode>(['embedded', 'production'])(
  'how to reach an organization: phone and contact e-mail (%s)',
  (mode) => {
    let running: RunningApp;
    let market: Market;
    let waiter: TestSession;
    let stranger: TestSession;
    let admin: TestSession;

    const update = (input: Record<string, unknown>, session: TestSession = market.chef, id = market.restaurant) =>
      graphql<{ updateOrganization: Contact }>(running.app, UPDATE, { id, input }, session.accessToken);
    const stored = async (id = market.restaurant) =>
      (
        await running.em
          .fork()
          .execute<{ phone: string | null; contact_email: string | null }[]>(
            'select phone, contact_email from organization where id = ?',
            [id],
          )
      )[0];
    const read = async (session: TestSession, id = market.restaurant) =>
      (await graphql<{ organization: Contact }>(running.app, READ, { id }, session.accessToken)).data!.organization;
    const readsBusiness = async (user: AuthUser | null) => {
      const restaurant = await running.em.fork().findOneOrFail(Organization, market.restaurant);
      return (await running.app.get(ContactVisibility, { strict: false }).readable(user, [restaurant]))[0];
    };

    beforeAll(async () => {
      running = await startApp(mode, `organization-contact-${mode}`);
      market = await createMarket(running.app);
      waiter = await registerUser(running.app, 'waiter');
      stranger = await registerUser(running.app, 'stranger');
      admin = await registerPlatformAdmin(running.app, running.em);
      await running.em
        .fork()
        .execute(
          `insert into membership (id, user_id, organization_id, role, created_at) values (?, ?, ?, 'MEMBER', ?)`,
          [randomUUID(), waiter.user.id, market.restaurant, new Date()],
        );
    }, 120_000);

    afterAll(() => running?.close());

    it('an owner records the phone as typed (normalised to E.164) and the contact e-mail', async () => {
      const answer = await update({ phone: '05 55 52 14 29', contactEmail: ' Cuisine@Le-Marche.FR ' });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.updateOrganization).toEqual({
        id: market.restaurant,
        phone: '+33555521429',
        contactEmail: 'cuisine@le-marche.fr',
      });
      expect(await stored()).toEqual({ phone: '+33555521429', contact_email: 'cuisine@le-marche.fr' });
      const farm = await update(
        { phone: '+33 5 55 00 11 22', contactEmail: 'ferme@gue.fr' },
        market.farmer,
        market.farm,
      );
      expect(farm.data!.updateOrganization).toMatchObject({ phone: '+33555001122', contactEmail: 'ferme@gue.fr' });
    });

    it('refuses a bad phone on phone, a bad e-mail on contactEmail, and changes nothing', async () => {
      const phone = await update({ phone: '05 55 52 14', contactEmail: 'autre@le-marche.fr' });
      expect(phone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
      const abroad = await update({ phone: '+44 20 7946 0958' });
      expect(abroad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
      const email = await update({ phone: '0555000000', contactEmail: 'cuisine@le-marche' });
      expect(email.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contactEmail' });
      expect(await stored()).toEqual({ phone: '+33555521429', contact_email: 'cuisine@le-marche.fr' });
    });

    it('refuses a member who is not an owner (FORBIDDEN) and a stranger, changing nothing', async () => {
      const byMember = await update({ phone: '0555000000' }, waiter);
      expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const byStranger = await update({ phone: '0555000000' }, stranger);
      expect(byStranger.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(await stored()).toEqual({ phone: '+33555521429', contact_email: 'cuisine@le-marche.fr' });
    });

    it("a business's contact: its members and admins read it, a producer only once it has an order from it", async () => {
      expect(await read(waiter)).toMatchObject({ phone: '+33555521429', contactEmail: 'cuisine@le-marche.fr' });
      expect(await read(admin)).toMatchObject({ phone: '+33555521429' });
      expect(await readsBusiness(null)).toBe(false);
      expect(await readsBusiness({ id: stranger.user.id, isPlatformAdmin: false } as AuthUser)).toBe(false);
      expect(await readsBusiness({ id: market.farmer.user.id, isPlatformAdmin: false } as AuthUser)).toBe(false);

      const placed = await placeOrder(running.app, market.chef.accessToken, {
        buyerOrganizationId: market.restaurant,
        lines: [{ productId: market.products.carrots, quantity: 12 }],
        deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
      });
      expect(placed.errors).toBeUndefined();
      const farmReads = await graphql<{ supplierOrders: { edges: { node: { buyerOrganization: Contact } }[] } }>(
        running.app,
        BUYERS,
        { producerId: market.farm },
        market.farmer.accessToken,
      );
      expect(farmReads.errors).toBeUndefined();
      expect(farmReads.data!.supplierOrders.edges[0].node.buyerOrganization).toEqual({
        id: market.restaurant,
        phone: '+33555521429',
        contactEmail: 'cuisine@le-marche.fr',
      });
      // A cancelled order still makes them trading partners: the orchard may need to call about it.
      expect(await readsBusiness({ id: market.orchardist.user.id, isPlatformAdmin: false } as AuthUser)).toBe(false);
      const cancelled = await placeOrder(running.app, market.chef.accessToken, {
        buyerOrganizationId: market.restaurant,
        lines: [{ productId: market.products.juice, quantity: 6 }],
        deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier }],
      });
      expect(cancelled.errors).toBeUndefined();
      const cancel = await graphql(
        running.app,
        'mutation ($id: ID!) { cancelOrder(id: $id) { id status } }',
        { id: cancelled.data!.placeOrder.id },
        market.chef.accessToken,
      );
      expect(cancel.errors).toBeUndefined();
      expect(await readsBusiness({ id: market.orchardist.user.id, isPlatformAdmin: false } as AuthUser)).toBe(true);
      expect(await readsBusiness({ id: stranger.user.id, isPlatformAdmin: false } as AuthUser)).toBe(false);
    });

    it("a producer's contact is public: anyone reads it, signed in or not", async () => {
      for (const token of [stranger.accessToken, market.chef.accessToken, market.orchardist.accessToken, undefined]) {
        const seen = await graphql<{ product: { producer: Contact } }>(
          running.app,
          PUBLIC_PRODUCER,
          { id: market.products.carrots },
          token,
        );
        expect(seen.errors).toBeUndefined();
        expect(seen.data!.product.producer).toEqual({
          id: market.farm,
          phone: '+33555001122',
          contactEmail: 'ferme@gue.fr',
        });
      }
    });

    it('an empty string or null clears them', async () => {
      expect((await update({ phone: '', contactEmail: null })).data!.updateOrganization).toMatchObject({
        phone: null,
        contactEmail: null,
      });
      expect(await stored()).toEqual({ phone: null, contact_email: null });
    });
  },
);
