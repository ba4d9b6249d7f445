import { data, Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/payouts';
import { FormAlert } from '../../components/FieldError';
import { ProducerNav } from '../../components/producer/ProducerNav';
import { ProducersOnly } from '../../components/producer/ProducersOnly';
import { ProducerSwitch } from '../../components/producer/ProducerSwitch';
import { graphql } from '../../graphql';
import { apiMutation, apiQuery, formErrorOf } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';
import { chooseProducer } from './producers.server';

const CARD_PAYMENTS = graphql(`
  query CardPaymentsAvailable { cardPaymentsAvailable }
`);

const START_ONBOARDING = graphql(`
  mutation StartProducerOnboarding($producerId: ID!) { startProducerOnboarding(producerId: $producerId) { url } }
`);

export const meta: Route.MetaFunction = () => [{ title: 'Paiements par carte — Ancrage' }, { name: 'robots', content: 'noindex' }];

/** Stripe's onboarding sends the producer back here: `?producteur=<id>`, with `&relancer=1` when its link expired. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const choice = await chooseProducer(request, context);
  if (!choice.producer) return { kind: 'not-a-producer' as const };
  const params = new URL(request.url).searchParams;
  const { cardPaymentsAvailable } = await apiQuery(callerOf(context), CARD_PAYMENTS, {});
  return {
    kind: 'producer' as const,
    ...choice,
    producer: choice.producer,
    cardPaymentsAvailable,
    // Coming back from Stripe only means something where card payments are set up.
    linkExpired: cardPaymentsAvailable && params.get('relancer') === '1',
    backFromStripe: cardPaymentsAvailable && params.has('producteur') && params.get('relancer') !== '1',
  };
}

/** Asks the API for a fresh onboarding link and sends the browser to Stripe (a document navigation to its site). */
export async function action({ request, context }: Route.ActionArgs) {
  requireSignIn(request, context);
  const producerId = String((await request.formData()).get('producteur') ?? '');
  let stripeUrl: string;
  try {
    stripeUrl = (await apiMutation(callerOf(context), START_ONBOARDING, { producerId })).startProducerOnboarding.url;
  } catch (error) {
    return data({ error: formErrorOf(error) }, { status: 400 });
  }
  throw redirect(stripeUrl);
}

export default function ProducerPayouts({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().formData != null;
  if (loaderData.kind === 'not-a-producer') return <ProducersOnly title="Espace producteur" />;
  const { producers, producer, unknownProducer, cardPaymentsAvailable, linkExpired, backFromStripe } = loaderData;
  return (
    <div className="stack producer-payouts">
      <ProducerNav producerId={producer.id} several={producers.length > 1} />
      <h1>Paiements par carte</h1>
      <p className="muted">
        Comment <strong>{producer.name}</strong> reçoit l’argent de ses ventes.
      </p>
      <ProducerSwitch producers={producers} current={producer} unknownProducer={unknownProducer} />
      {linkExpired ? (
        <div className="alert alert--warning">
          Le lien vers Stripe a expiré avant la fin de la configuration. Reprenez-la : ce que vous avez déjà saisi chez
          Stripe est conservé.
        </div>
      ) : null}
      {backFromStripe ? (
        <div className="alert alert--info">
          Si vous revenez de Stripe : Stripe vérifie maintenant les informations de {producer.name}. Le paiement par
          carte s’ouvrira à vos acheteurs dès que Stripe les aura confirmées, ce qui peut prendre de quelques minutes à
          quelques jours. Si Stripe vous demande un document de plus, reprenez la configuration ci-dessous.
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="comment-titre">
        <h2 id="comment-titre">Comment vous êtes payé</h2>
        <h3>Par carte bancaire</h3>
        <p>
          L’acheteur paie toute sa commande en une seule fois à Ancrage, par l’intermédiaire de Stripe. Ancrage vire
          ensuite à chaque producteur le montant de sa part, moins la commission de la plateforme : c’est ce que Stripe
          appelle des « paiements et virements séparés ». Les virements arrivent sur le compte bancaire que vous
          déclarez à Stripe ; Ancrage ne voit jamais vos coordonnées bancaires.
        </p>
        <p>
          Si une commande est annulée ou remboursée, la part remboursée est reprise sur votre virement.
        </p>
        <h3>Sur facture</h3>
        <p>
          Les entreprises peuvent aussi payer sur facture, à 30 jours après la livraison : la facture est émise à votre
          nom quand vous marquez la commande livrée, et l’entreprise vous paie directement.
        </p>
      </section>

      <section className="card stack" aria-labelledby="stripe-titre">
        <h2 id="stripe-titre">Votre compte Stripe</h2>
        {cardPaymentsAvailable && producer.role !== 'OWNER' ? (
          <div className="alert alert--info">
            La configuration des paiements est réservée aux propriétaires de {producer.name} : demandez-leur de la faire
            ou de la reprendre.
          </div>
        ) : cardPaymentsAvailable ? (
          <>
            <p>
              Stripe vous demandera l’identité du représentant de {producer.name}, son numéro SIRET et le compte bancaire
              qui recevra les virements. Cela prend une dizaine de minutes.
            </p>
            <FormAlert error={actionData?.error} fields={[]} />
            <Form method="post">
              <input type="hidden" name="producteur" value={producer.id} />
              <button type="submit" disabled={busy}>
                {busy ? 'Ouverture de Stripe…' : backFromStripe || linkExpired ? 'Reprendre la configuration avec Stripe' : 'Configurer mes paiements avec Stripe'}
              </button>
            </Form>
          </>
        ) : (
          <div className="alert alert--info">
            <p>
              <strong>Le paiement par carte n’est pas activé sur cette plateforme.</strong> Il n’y a donc rien à configurer
              pour l’instant.
            </p>
            <p>
              Les entreprises vous paient sur facture, à 30 jours après la livraison. Tant que la carte n’est pas activée,
              les particuliers ne peuvent pas commander.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
