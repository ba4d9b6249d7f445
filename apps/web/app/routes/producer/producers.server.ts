import type { RouterContextProvider } from 'react-router';
import { graphql } from '../../graphql';
import { apiQuery } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import { callerOf } from '../../lib/session.server';

const MY_PRODUCERS = graphql(`
  query MyProducers {
    me {
      memberships {
        role
        organization {
          id
          name
          kind
          verificationStatus
        }
      }
    }
  }
`);

export interface ProducerRef {
  id: string;
  name: string;
  /** The viewer's role there: owners manage the members and the payouts (PRODUCT.md §7). */
  role: 'OWNER' | 'MEMBER';
  /** Until VERIFIED it takes no invoice order and opens no payouts (issue #20 item 5): its pages say so. */
  verificationStatus: string;
}

/** The producers the viewer works for, and the one the page is about (`?producteur=<id>`, else the first). */
export interface ProducerChoice {
  producers: ProducerRef[];
  /** Null when the viewer is a member of no producer. */
  producer: ProducerRef | null;
  /** `?producteur=` named a producer the viewer is not a member of: the page shows its first one instead, and says so. */
  unknownProducer: boolean;
}

/** The producer's back-office pages: signed-in people only, about one of their own producers. */
export async function chooseProducer(
  request: Request,
  context: Readonly<RouterContextProvider>,
): Promise<ProducerChoice> {
  requireSignIn(request, context);
  const { me } = await apiQuery(callerOf(context), MY_PRODUCERS, {});
  const producers = me.memberships
    .filter((membership) => membership.organization.kind === 'PRODUCER')
    .map(({ role, organization }) => ({
      id: organization.id,
      name: organization.name,
      role,
      verificationStatus: organization.verificationStatus,
    }));
  const wanted = new URL(request.url).searchParams.get('producteur');
  const named = producers.find((producer) => producer.id === wanted);
  return {
    producers,
    producer: named ?? producers[0] ?? null,
    unknownProducer: Boolean(wanted && producers.length > 0 && !named),
  };
}
