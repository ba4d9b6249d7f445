import request from 'supertest';
import { type RunningApp, startApp } from './support/app-modes';
import { signedWebhook, stripeEvent, unixNow } from './support/fake-stripe';

/** PAY-03: while a webhook signing secret is rotated, both are accepted; once the old one is removed, it is refused. */
describe('Stripe webhook secret rotation (embedded mode)', () => {
  const OLD = 'whsec_rotation_old';
  const NEW = 'whsec_rotation_new';
  const payload = JSON.stringify(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
  const post = (app: RunningApp, signature: string) =>
    request(app.app.getHttpServer())
      .post('/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
  const stripeEnv = (secrets: string) => ({
    STRIPE_SECRET_KEY: 'sk_test_rotation',
    STRIPE_WEBHOOK_SECRET: secrets,
    STRIPE_API_URL: 'http://127.0.0.1:9',
  });

  let rotating: RunningApp;
  let rotated: RunningApp;

  beforeAll(async () => {
    rotating = await startApp('embedded', 'rotating', stripeEnv(`${NEW},${OLD}`));
    rotated = await startApp('embedded', 'rotated', stripeEnv(NEW));
  });

  afterAll(async () => {
    await rotating?.close();
    await rotated?.close();
  });

  it('accepts the old secret, the new one, and a header carrying both while both are configured', async () => {
    const timestamp = unixNow();
    const withOld = signedWebhook(payload, OLD, timestamp);
    const withNew = signedWebhook(payload, NEW, timestamp);
    const both = `${withNew},v1=${withOld.split('v1=')[1]}`;
    for (const signature of [withOld, withNew, both]) expect((await post(rotating, signature)).status).toBe(200);
  });

  it('refuses the old secret once it is removed, and still takes the new one', async () => {
    expect((await post(rotated, signedWebhook(payload, OLD))).status).toBe(400);
    expect((await post(rotated, signedWebhook(payload, NEW))).status).toBe(200);
  });
});
