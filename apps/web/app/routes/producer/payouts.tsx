import { data, Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/payouts';
import { FieldError, FormAlert, invalidProps } from '../../components/FieldError';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { VerificationNotice } from '../../components/VerificationNotice';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { graphql } from '../../graphql';
import { ApiError, apiMutation, apiQuery, formErrorOf } from '../../lib/api.server';
import { freshSignInUrl } from '../../lib/fresh-sign-in';
import type { FormError } from '../../lib/api-error';
import { dateTime, euros, ibanText } from '../../lib/format';
import { centsOfEuros, eurosText } from '../../lib/product-input';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const CARD_PAYMENTS = graphql(`
  query CardPaymentsAvailable {
    cardPaymentsAvailable
  }
`);

const START_ONBOARDING = graphql(`
  mutation StartProducerOnboarding($producerId: ID!) {
    startProducerOnboarding(producerId: $producerId) {
      url
    }
  }
`);

// Issue #20: the producer's terms for invoice payment (a cap for businesses it never delivered to, buyers refused).
const INVOICE_TERMS = graphql(`
  query ProducerInvoiceTerms($producerId: ID!, $first: Int!) {
    organization(id: $producerId) {
      id
      iban
      bic
    }
    producerSalesTerms(producerId: $producerId) {
      newBuyerInvoiceCapCents
      ownNewBuyerInvoiceCapCents
      defaultNewBuyerInvoiceCapCents
      refusedInvoiceBuyers {
        buyerOrganizationId
        refusedAt
        buyer {
          id
          name
        }
      }
    }
    supplierOrders(producerId: $producerId, first: $first) {
      edges {
        node {
          id
          buyerOrganization {
            id
            name
          }
        }
      }
    }
  }
`);

const UPDATE_TERMS = graphql(`
  mutation UpdateProducerSalesTerms($producerId: ID!, $cap: Cents) {
    updateProducerSalesTerms(producerId: $producerId, input: { newBuyerInvoiceCapCents: $cap }) {
      producerId
    }
  }
`);

const SET_BUYER_INVOICE = graphql(`
  mutation SetBuyerInvoicePayment($producerId: ID!, $buyerId: ID!, $allowed: Boolean!) {
    setBuyerInvoicePayment(producerId: $producerId, buyerOrganizationId: $buyerId, allowed: $allowed) {
      refusedInvoiceBuyers {
        buyerOrganizationId
        buyer {
          name
        }
      }
    }
  }
`);

const UPDATE_BANK_ACCOUNT = graphql(`
  mutation UpdateProducerBankAccount($producerId: ID!, $iban: String!, $bic: String!) {
    updateOrganization(id: $producerId, input: { iban: $iban, bic: $bic }) {
      id
      iban
      bic
    }
  }
`);

/** How many recent orders the page reads to offer their buyers in the refusal list. */
const RECENT_ORDERS = 50;

export const meta: Route.MetaFunction = () => [
  { title: 'Paiements — Ancrage' },
  { name: 'robots', content: 'noindex' },
];

/** Stripe's onboarding sends the producer back here: `?producteur=<id>`, with `&relancer=1` when its link expired. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const params = new URL(request.url).searchParams;
  const { cardPaymentsAvailable } = await apiQuery(callerOf(context), CARD_PAYMENTS, {});
  const terms = await apiQuery(callerOf(context), INVOICE_TERMS, {
    producerId: choice.producer.id,
    first: RECENT_ORDERS,
  });
  const refused = new Set(terms.producerSalesTerms.refusedInvoiceBuyers.map((row) => row.buyerOrganizationId));
  const buyers = new Map<string, string>();
  for (const { node } of terms.supplierOrders.edges) {
    if (node.buyerOrganization && !refused.has(node.buyerOrganization.id))
      buyers.set(node.buyerOrganization.id, node.buyerOrganization.name);
  }
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    cardPaymentsAvailable,
    invoiceTerms: terms.producerSalesTerms,
    bankAccount: { iban: terms.organization?.iban ?? null, bic: terms.organization?.bic ?? null },
    recentBuyers: [...buyers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    // Coming back from Stripe only means something where card payments are set up.
    linkExpired: cardPaymentsAvailable && params.get('relancer') === '1',
    backFromStripe: cardPaymentsAvailable && params.has('producteur') && params.get('relancer') !== '1',
  };
}

/** Asks the API for a fresh onboarding link and sends the browser to Stripe (a document navigation to its site). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const form = await request.formData();
  const producerId = String(form.get('producteur') ?? '');
  const intent = String(form.get('intent') ?? '');
  if (intent === 'bank') return bankAccountAction(callerOf(context), producerId, form);
  if (intent) return invoiceTermsAction(callerOf(context), producerId, intent, form);
  let stripeUrl: string;
  try {
    stripeUrl = (await apiMutation(callerOf(context), START_ONBOARDING, { producerId })).startProducerOnboarding.url;
  } catch (error) {
    // Where the money goes is changed only right after typing the password: sign in again, then come back here.
    if (error instanceof ApiError && error.reason === 'FRESH_SIGN_IN_REQUIRED') {
      throw redirect(freshSignInUrl(`/producteur/paiements?producteur=${encodeURIComponent(producerId)}`, 'paiements'));
    }
    return data({ error: formErrorOf(error) }, { status: 400 });
  }
  throw redirect(stripeUrl);
}

/** The bank details' form: the API checks the IBAN (mod 97) and the BIC; what was typed comes back with its error. */
async function bankAccountAction(caller: ReturnType<typeof callerOf>, producerId: string, form: FormData) {
  const typed = { iban: String(form.get('iban') ?? '').trim(), bic: String(form.get('bic') ?? '').trim() };
  try {
    await apiMutation(caller, UPDATE_BANK_ACCOUNT, { producerId, ...typed });
    return {
      error: null,
      bank: {
        error: null as FormError | null,
        typed,
        notice: typed.iban
          ? 'Coordonnées bancaires enregistrées\u00a0: elles figureront sur vos prochaines factures payées par virement.'
          : 'Coordonnées bancaires retirées.',
      },
    };
  } catch (error) {
    return data(
      { error: null, bank: { error: formErrorOf(error), typed, notice: null as string | null } },
      { status: 400 },
    );
  }
}

type InvoiceIntent = 'cap' | 'cap-default' | 'refuse' | 'allow';

/** The invoice terms' forms: each answers its own error (`intent` says which form it belongs to), or its notice. */
async function invoiceTermsAction(
  caller: ReturnType<typeof callerOf>,
  producerId: string,
  intent: string,
  form: FormData,
) {
  const fail = (error: FormError) =>
    data(
      { error: null, invoice: { intent: intent as InvoiceIntent, error, notice: null as string | null } },
      { status: 400 },
    );
  const done = (notice: string) => ({
    error: null,
    invoice: { intent: intent as InvoiceIntent, error: null as FormError | null, notice },
  });
  try {
    if (intent === 'cap' || intent === 'cap-default') {
      let cap: number | null = null;
      if (intent === 'cap') {
        cap = centsOfEuros(String(form.get('newBuyerInvoiceCapCents') ?? ''));
        if (cap === null)
          return fail({
            message: 'Saisissez un montant en euros, par exemple 500 ou 750,50.',
            code: 'BAD_USER_INPUT',
            field: 'newBuyerInvoiceCapCents',
          });
      }
      await apiMutation(caller, UPDATE_TERMS, { producerId, cap });
      return done(
        cap === null
          ? 'Le plafond de la plateforme s’applique de nouveau.'
          : `Plafond enregistré\u00a0: ${euros(cap)} TTC par nouvel acheteur.`,
      );
    }
    const buyerId = String(form.get('acheteur') ?? '');
    if (intent === 'refuse' && !buyerId)
      return fail({
        message: 'Choisissez l’entreprise à qui refuser le paiement sur facture.',
        code: 'BAD_USER_INPUT',
        field: 'acheteur',
      });
    const answer = await apiMutation(caller, SET_BUYER_INVOICE, { producerId, buyerId, allowed: intent === 'allow' });
    const refusedName = answer.setBuyerInvoicePayment.refusedInvoiceBuyers.find(
      (row) => row.buyerOrganizationId === buyerId,
    )?.buyer?.name;
    const name = refusedName ?? String(form.get('nom') || 'Cette entreprise');
    return done(
      intent === 'allow'
        ? `${name} peut de nouveau payer sur facture.`
        : `${name} ne peut plus payer sur facture\u00a0: elle paiera par carte.`,
    );
  } catch (error) {
    const formError = formErrorOf(error);
    return fail({
      ...formError,
      field: intent === 'refuse' && formError.field !== 'newBuyerInvoiceCapCents' ? 'acheteur' : formError.field,
    });
  }
}

export default function ProducerPayouts({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().formData != null;
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, unknownProducer, cardPaymentsAvailable, linkExpired, backFromStripe } = loaderData;
  return (
    <div className="stack producer-payouts">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>Paiements</h1>
      <p className="muted">
        Comment <strong>{producer.name}</strong> reçoit l’argent de ses ventes.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      <VerificationNotice kind="PRODUCER" name={producer.name} status={producer.verificationStatus} />
      {linkExpired ? (
        <div className="alert alert--warning">
          Le lien vers Stripe a expiré avant la fin de la configuration. Reprenez-la&nbsp;: ce que vous avez déjà saisi
          chez Stripe est conservé.
        </div>
      ) : null}
      {backFromStripe ? (
        <div className="alert alert--info">
          Si vous revenez de Stripe&nbsp;: Stripe vérifie maintenant les informations de {producer.name}. Le paiement
          par carte s’ouvrira à vos acheteurs dès que Stripe les aura confirmées, ce qui peut prendre de quelques
          minutes à quelques jours. Si Stripe vous demande un document de plus, reprenez la configuration ci-dessous.
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="comment-titre">
        <h2 id="comment-titre">Comment vous êtes payé</h2>
        <h3>Par carte bancaire</h3>
        <p>
          L’acheteur paie toute sa commande en une seule fois à Ancrage, par l’intermédiaire de Stripe. Ancrage vire
          ensuite à chaque producteur le montant de sa part, moins la commission de la plateforme&nbsp;: c’est ce que
          Stripe appelle des «&nbsp;paiements et virements séparés&nbsp;». Les virements arrivent sur le compte bancaire
          que vous déclarez à Stripe, qu’Ancrage ne voit pas (celui que vous indiquez plus bas, pour les virements des
          entreprises, est imprimé sur vos factures).
        </p>
        <p>Si une commande est annulée ou remboursée, la part remboursée est reprise sur votre virement.</p>
        <h3>Sur facture</h3>
        <p>
          Les entreprises peuvent aussi payer sur facture, à 30 jours après la livraison&nbsp;: la facture est émise à
          votre nom quand vous marquez la commande livrée, et l’entreprise vous paie directement.
        </p>
      </section>

      <BankAccountSection
        producerId={producer.id}
        producerName={producer.name}
        owner={producer.role === 'OWNER'}
        account={loaderData.bankAccount}
        answer={actionData && 'bank' in actionData ? actionData.bank : undefined}
        busy={busy}
      />

      <InvoiceTermsSection
        producerId={producer.id}
        terms={loaderData.invoiceTerms}
        recentBuyers={loaderData.recentBuyers}
        answer={actionData && 'invoice' in actionData ? actionData.invoice : undefined}
        busy={busy}
      />

      <section className="card stack" aria-labelledby="stripe-titre">
        <h2 id="stripe-titre">Votre compte Stripe</h2>
        {cardPaymentsAvailable && producer.role !== 'OWNER' ? (
          <div className="alert alert--info">
            La configuration des paiements est réservée aux propriétaires de {producer.name}&nbsp;: demandez-leur de la
            faire ou de la reprendre.
          </div>
        ) : cardPaymentsAvailable && producer.verificationStatus !== 'VERIFIED' ? (
          <p>
            Vous pourrez configurer vos paiements avec Stripe dès que l’équipe Ancrage aura vérifié {producer.name}.
          </p>
        ) : cardPaymentsAvailable ? (
          <>
            <p>
              Stripe vous demandera l’identité du représentant de {producer.name}, son numéro SIRET et le compte
              bancaire qui recevra les virements. Cela prend une dizaine de minutes.
            </p>
            <FormAlert error={actionData && 'error' in actionData ? actionData.error : null} fields={[]} />
            <Form method="post">
              <input type="hidden" name="producteur" value={producer.id} />
              <button type="submit" disabled={busy}>
                {busy
                  ? 'Ouverture de Stripe…'
                  : backFromStripe || linkExpired
                    ? 'Reprendre la configuration avec Stripe'
                    : 'Configurer mes paiements avec Stripe'}
              </button>
            </Form>
          </>
        ) : (
          <div className="alert alert--info">
            <p>
              <strong>Le paiement par carte n’est pas activé sur cette plateforme.</strong> Il n’y a donc rien à
              configurer pour l’instant.
            </p>
            <p>
              Les entreprises vous paient sur facture, à 30 jours après la livraison. Tant que la carte n’est pas
              activée, les particuliers ne peuvent pas commander.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}

interface BankAccountProps {
  producerId: string;
  producerName: string;
  owner: boolean;
  account: { iban: string | null; bic: string | null };
  answer?: { error: FormError | null; typed: { iban: string; bic: string }; notice: string | null };
  busy: boolean;
}

/** The account the businesses transfer to for the invoices they pay by transfer: printed on each invoice from now on. */
function BankAccountSection({ producerId, producerName, owner, account, answer, busy }: BankAccountProps) {
  const error = answer?.error ?? null;
  const ibanInvalid = invalidProps(error, 'iban', 'iban-error');
  const bicInvalid = invalidProps(error, 'bic', 'bic-error');
  // After a refusal, the form shows what was typed; after a success, what the API kept.
  const shown = error && answer ? answer.typed : { iban: ibanText(account.iban ?? ''), bic: account.bic ?? '' };
  return (
    <section className="card stack bank-account" aria-labelledby="banque-titre">
      <h2 id="banque-titre">Coordonnées bancaires pour les virements</h2>
      <p>
        Les entreprises qui paient sur facture vous règlent par virement. L’IBAN que vous indiquez ici est imprimé sur
        les factures émises à partir de maintenant, et affiché à l’acheteur tant qu’il n’a pas payé. Les factures déjà
        émises gardent les coordonnées qu’elles portent.
      </p>
      {!owner ? (
        <>
          <dl className="bank-account__current">
            <div>
              <dt>IBAN</dt>
              <dd>{account.iban ? ibanText(account.iban) : 'Non renseigné'}</dd>
            </div>
            {account.bic ? (
              <div>
                <dt>BIC</dt>
                <dd>{account.bic}</dd>
              </div>
            ) : null}
          </dl>
          <p className="alert alert--info">
            Seuls les propriétaires de {producerName} peuvent changer ses coordonnées bancaires.
          </p>
        </>
      ) : (
        <>
          {answer?.notice ? (
            <p className="alert alert--info" role="status">
              {answer.notice}
            </p>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="producteur" value={producerId} />
            <FormAlert error={error} fields={['iban', 'bic']} />
            <div className="field">
              <label htmlFor="iban">IBAN</label>
              <input
                key={`iban-${shown.iban}`}
                id="iban"
                name="iban"
                autoComplete="off"
                spellCheck={false}
                defaultValue={shown.iban}
                {...ibanInvalid}
                aria-describedby={['iban-hint', ibanInvalid['aria-describedby']].filter(Boolean).join(' ')}
              />
              <p className="field__hint" id="iban-hint">
                Tel qu’il figure sur votre RIB, par exemple FR76 3000 6000 0112 3456 7890 189. Laissez vide pour retirer
                vos coordonnées.
              </p>
              <FieldError error={error} field="iban" id="iban-error" />
            </div>
            <div className="field">
              <label htmlFor="bic">BIC (facultatif)</label>
              <input
                key={`bic-${shown.bic}`}
                id="bic"
                name="bic"
                autoComplete="off"
                spellCheck={false}
                defaultValue={shown.bic}
                {...bicInvalid}
                aria-describedby={['bic-hint', bicInvalid['aria-describedby']].filter(Boolean).join(' ')}
              />
              <p className="field__hint" id="bic-hint">
                8 ou 11 caractères, par exemple AGRIFRPP839.
              </p>
              <FieldError error={error} field="bic" id="bic-error" />
            </div>
            <div>
              <button type="submit" name="intent" value="bank" disabled={busy}>
                Enregistrer les coordonnées bancaires
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

interface InvoiceTermsProps {
  producerId: string;
  terms: {
    newBuyerInvoiceCapCents: number;
    ownNewBuyerInvoiceCapCents: number | null;
    defaultNewBuyerInvoiceCapCents: number;
    refusedInvoiceBuyers: {
      buyerOrganizationId: string;
      refusedAt: string;
      buyer: { id: string; name: string } | null;
    }[];
  };
  recentBuyers: { id: string; name: string }[];
  answer?: { intent: InvoiceIntent; error: FormError | null; notice: string | null };
  busy: boolean;
}

/** The cap on invoice orders from businesses the producer never delivered to, and the buyers refused invoice payment. */
function InvoiceTermsSection({ producerId, terms, recentBuyers, answer, busy }: InvoiceTermsProps) {
  const capError = answer?.intent === 'cap' || answer?.intent === 'cap-default' ? answer.error : null;
  const buyerError = answer?.intent === 'refuse' || answer?.intent === 'allow' ? answer.error : null;
  const own = terms.ownNewBuyerInvoiceCapCents;
  const capInvalid = invalidProps(capError, 'newBuyerInvoiceCapCents', 'cap-error');
  const buyerInvalid = invalidProps(buyerError, 'acheteur', 'acheteur-error');
  return (
    <section className="card stack invoice-terms" aria-labelledby="facture-titre">
      <h2 id="facture-titre">Paiement sur facture&nbsp;: vos conditions</h2>
      {terms.newBuyerInvoiceCapCents === 0 ? (
        <p>
          Une entreprise que vous n’avez encore jamais livrée <strong>ne peut pas payer sur facture</strong>&nbsp;: elle
          paie par carte sa première commande. Dès votre première livraison à cette entreprise, elle peut payer sur
          facture.
        </p>
      ) : (
        <p>
          Une entreprise que vous n’avez encore jamais livrée ne peut pas avoir chez vous plus de{' '}
          <strong>{euros(terms.newBuyerInvoiceCapCents)} TTC</strong> de commandes sur facture en cours (ni livrées ni
          annulées). Au-delà, elle paie par carte. Dès votre première livraison à cette entreprise, le plafond ne
          s’applique plus.
        </p>
      )}
      <p className="muted">Ainsi, une entreprise inconnue ne peut pas réserver tout votre stock sans jamais payer.</p>
      {answer?.notice ? (
        <p className="alert alert--info" role="status">
          {answer.notice}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="producteur" value={producerId} />
        <FormAlert error={capError} fields={['newBuyerInvoiceCapCents']} />
        <div className="field">
          <label htmlFor="newBuyerInvoiceCapCents">Plafond par nouvel acheteur (€ TTC)</label>
          <input
            key={terms.newBuyerInvoiceCapCents}
            id="newBuyerInvoiceCapCents"
            name="newBuyerInvoiceCapCents"
            inputMode="decimal"
            defaultValue={eurosText(terms.newBuyerInvoiceCapCents)}
            {...capInvalid}
            aria-describedby={['cap-hint', capInvalid['aria-describedby']].filter(Boolean).join(' ')}
          />
          <p className="field__hint" id="cap-hint">
            {own === null
              ? `Le plafond de la plateforme\u00a0: ${euros(terms.defaultNewBuyerInvoiceCapCents)}. Mettez 0 pour n’accepter la facture qu’après une première livraison.`
              : `Votre plafond. Celui de la plateforme est de ${euros(terms.defaultNewBuyerInvoiceCapCents)}.`}
          </p>
          <FieldError error={capError} field="newBuyerInvoiceCapCents" id="cap-error" />
        </div>
        <div className="row">
          <button type="submit" name="intent" value="cap" disabled={busy}>
            Enregistrer le plafond
          </button>
          {own !== null ? (
            <button type="submit" name="intent" value="cap-default" className="button--secondary" disabled={busy}>
              Revenir au plafond de la plateforme
            </button>
          ) : null}
        </div>
      </Form>

      <h3>Entreprises refusées au paiement sur facture</h3>
      <p className="muted">Elles peuvent toujours vous commander en payant par carte.</p>
      <FormAlert error={buyerError} fields={['acheteur']} />
      {terms.refusedInvoiceBuyers.length === 0 ? (
        <p>Aucune entreprise refusée.</p>
      ) : (
        <ul className="stack refused-buyers">
          {terms.refusedInvoiceBuyers.map((row) => {
            const name = row.buyer?.name ?? 'Entreprise';
            return (
              <li key={row.buyerOrganizationId} className="row refused-buyer">
                <span>
                  <strong>{name}</strong> <span className="muted">refusée le {dateTime(row.refusedAt)}</span>
                </span>
                <Form method="post">
                  <input type="hidden" name="producteur" value={producerId} />
                  <input type="hidden" name="acheteur" value={row.buyerOrganizationId} />
                  <input type="hidden" name="nom" value={name} />
                  <button type="submit" name="intent" value="allow" className="button--secondary" disabled={busy}>
                    Autoriser de nouveau {name}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      {recentBuyers.length > 0 ? (
        <Form method="post" className="stack">
          <input type="hidden" name="producteur" value={producerId} />
          <div className="field">
            <label htmlFor="acheteur">Refuser le paiement sur facture à</label>
            <select
              id="acheteur"
              name="acheteur"
              defaultValue=""
              {...buyerInvalid}
              aria-describedby={['acheteur-hint', buyerInvalid['aria-describedby']].filter(Boolean).join(' ')}
            >
              <option value="">Choisissez une entreprise</option>
              {recentBuyers.map((buyer) => (
                <option key={buyer.id} value={buyer.id}>
                  {buyer.name}
                </option>
              ))}
            </select>
            <p className="field__hint" id="acheteur-hint">
              Parmi les entreprises qui vous ont commandé récemment.
            </p>
            <FieldError error={buyerError} field="acheteur" id="acheteur-error" />
          </div>
          <div>
            <button type="submit" name="intent" value="refuse" disabled={busy}>
              Refuser le paiement sur facture
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
