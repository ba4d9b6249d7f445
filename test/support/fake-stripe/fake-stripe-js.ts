import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeStripe } from './fake-stripe';
import { signEvent, stripeEvent } from './webhook-events';

/**
 * The browser half of the fake Stripe: a stand-in for Stripe.js (`<script src=".../v3/">`) with the subset of its API
 * our payment page uses — `Stripe(key).elements({ clientSecret })`, `elements.create('payment').mount(el)`,
 * `elements.submit()`, `stripe.confirmPayment({ elements, confirmParams: { return_url } })` — whose card field is a
 * plain input. Confirming succeeds the PaymentIntent on the fake Stripe API, delivers the signed
 * `payment_intent.succeeded` webhook to the application (as Stripe does before the customer's browser returns), then
 * sends the browser to `return_url` with Stripe's query parameters. The card 4000 0000 0000 0002 is declined
 * (`card_declined` / `generic_decline`), as in Stripe's test mode.
 */
export interface FakeStripeJs {
  /** The script URL to give the application (STRIPE_JS_URL). */
  scriptUrl: string;
  /** Where confirmed payments' webhooks go, and the secret they are signed with. */
  deliverWebhooksTo(url: string, secret: string): void;
  close(): Promise<void>;
}

const DECLINED_CARD = '4000000000000002';

const script = (confirmUrl: string) => `(function () {
  var CONFIRM_URL = ${JSON.stringify(confirmUrl)};
  window.Stripe = function (publishableKey) {
    if (!/^pk_/.test(publishableKey)) throw new Error('Fake Stripe.js: a publishable key (pk_…) is required');
    return {
      elements: function (options) {
        var host = null;
        return {
          create: function () {
            return {
              mount: function (target) {
                host = typeof target === 'string' ? document.querySelector(target) : target;
                host.innerHTML = '<label for="fake-stripe-card">Numéro de carte (Stripe, test)</label>' +
                  '<input id="fake-stripe-card" inputmode="numeric" autocomplete="cc-number">';
              },
              on: function () {},
              destroy: function () { if (host) host.innerHTML = ''; }
            };
          },
          submit: function () { return Promise.resolve({}); },
          _clientSecret: options.clientSecret,
          _card: function () { return host ? host.querySelector('input').value : ''; }
        };
      },
      confirmPayment: function (params) {
        var elements = params.elements;
        return fetch(CONFIRM_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ clientSecret: elements._clientSecret, card: elements._card() })
        }).then(function (response) { return response.json(); }).then(function (answer) {
          if (answer.error) return { error: answer.error };
          var back = new URL(params.confirmParams.return_url);
          back.searchParams.set('payment_intent', answer.id);
          back.searchParams.set('payment_intent_client_secret', elements._clientSecret);
          back.searchParams.set('redirect_status', 'succeeded');
          window.location.assign(back.toString());
          return new Promise(function () {});
        });
      }
    };
  };
})();
`;

export async function startFakeStripeJs(fake: FakeStripe): Promise<FakeStripeJs> {
  let webhook: { url: string; secret: string } | undefined;

  async function confirm(body: { clientSecret?: string; card?: string }): Promise<{ status: number; answer: unknown }> {
    const id = String(body.clientSecret ?? '').split('_secret_')[0];
    const intent = fake.get(id);
    if (!intent || intent.client_secret !== body.clientSecret) {
      return { status: 400, answer: { error: { type: 'invalid_request_error', message: 'No such payment_intent.' } } };
    }
    if (String(body.card ?? '').replace(/\D/g, '') === DECLINED_CARD) {
      return {
        status: 402,
        answer: {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
          },
        },
      };
    }
    const succeeded = fake.succeedPaymentIntent(id);
    if (!webhook) throw new Error('Fake Stripe.js: call deliverWebhooksTo() before a payment is confirmed');
    const { payload, signature } = signEvent(stripeEvent('payment_intent.succeeded', succeeded), webhook.secret);
    const delivered = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    if (!delivered.ok) throw new Error(`Fake Stripe.js: the webhook answered ${delivered.status}`);
    return { status: 200, answer: { id, status: 'succeeded' } };
  }

  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-allow-methods': 'POST',
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    if (req.method === 'GET' && req.url === '/v3/') {
      return void res
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(script(`${url}/confirm`));
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (req.method === 'POST' && req.url === '/confirm') {
      const { status, answer } = await confirm(JSON.parse(body || '{}'));
      return void res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }
    res.writeHead(404).end();
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: Error) => {
        if (!res.headersSent)
          res.writeHead(500, cors).end(JSON.stringify({ error: { type: 'api_error', message: error.message } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    scriptUrl: `${url}/v3/`,
    deliverWebhooksTo(target, secret) {
      webhook = { url: target, secret };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
