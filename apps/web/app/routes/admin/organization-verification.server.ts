import { data } from 'react-router';
import { graphql, readFragment } from '../../graphql';
import { apiMutation, apiQuery, type ApiCaller, type FormError, formErrorOf } from '../../lib/api.server';

const AWAITING_FIELDS = graphql(`
  fragment AwaitingVerification on Organization {
    id
    name
    kind
    siret
    address {
      line1
      postalCode
      city
    }
    verification {
      status
      sirene {
        outcome
        active
        legalName
        address
        error
        checkedAt
      }
    }
  }
`);

/**
 * Producers and businesses (a brand's own verification is verifyBrand's): who may invoice or buy on credit. One kind
 * a request: both lists in one document would go over the API's cost limit.
 */
const AWAITING_VERIFICATION = graphql(
  `
    query AdminOrganizationsAwaitingVerification($kind: OrganizationKind!) {
      adminOrganizations(verificationStatus: UNVERIFIED, kind: $kind, first: 30) {
        totalCount
        edges {
          node {
            ...AwaitingVerification
          }
        }
      }
    }
  `,
  [AWAITING_FIELDS],
);

const VERIFY_ORGANIZATION = graphql(`
  mutation AdminVerifyOrganization($id: ID!, $decision: OrganizationVerificationDecision!, $reason: String!) {
    verifyOrganization(id: $id, decision: $decision, reason: $reason) {
      id
      name
      verificationStatus
    }
  }
`);

/** The producers and businesses awaiting an admin's decision (newest first), with what SIRENE said of their SIRET. */
export async function organizationsAwaitingVerification(caller: ApiCaller) {
  const [producers, businesses] = await Promise.all(
    (['PRODUCER', 'BUSINESS'] as const).map(
      async (kind) => (await apiQuery(caller, AWAITING_VERIFICATION, { kind })).adminOrganizations,
    ),
  );
  return {
    totalCount: producers.totalCount + businesses.totalCount,
    organizations: [...producers.edges, ...businesses.edges].map((edge) => readFragment(AWAITING_FIELDS, edge.node)),
  };
}

export interface VerificationFailure {
  intent: 'verifier-organisation';
  target: string;
  text: string;
  error: FormError;
}

/** The API's refusal in French, by the field or the code it answered. */
function verificationError(error: FormError): FormError {
  if (error.code === 'BAD_USER_INPUT' && error.field === 'reason')
    return {
      ...error,
      message: 'Dites pourquoi, en 1 000 caractères au plus\u00a0: le motif est envoyé à ses membres.',
    };
  if (error.code === 'CONFLICT')
    return {
      ...error,
      field: 'reason',
      message:
        'Une autre organisation est déjà vérifiée pour ce SIRET\u00a0: une seule peut facturer au nom de l’entreprise.',
    };
  if (error.code === 'INVALID_STATE_TRANSITION')
    return { ...error, field: 'reason', message: 'Une décision vient d’être prise pour cette organisation.' };
  if (error.code === 'NOT_FOUND') return { ...error, message: 'Cette organisation n’existe plus.' };
  return error;
}

/** The `verifier-organisation` intent of /admin: the decision taken, or the refusal by its field. */
export async function decideVerification(caller: ApiCaller, form: FormData) {
  const target = String(form.get('cible') ?? '');
  const text = String(form.get('texte') ?? '');
  const decision = String(form.get('decision') ?? '');
  const failed = (error: FormError) =>
    data(
      { done: null, failed: { intent: 'verifier-organisation', target, text, error } satisfies VerificationFailure },
      {
        status: 400,
      },
    );
  if (decision !== 'VERIFIED' && decision !== 'REJECTED')
    return failed({ code: 'BAD_USER_INPUT', field: 'reason', message: 'Choisissez\u00a0: vérifier ou refuser.' });
  if (!text.trim())
    return failed({
      code: 'BAD_USER_INPUT',
      field: 'reason',
      message: 'Dites pourquoi\u00a0: le motif est inscrit au journal et envoyé à ses membres.',
    });
  try {
    const { verifyOrganization } = await apiMutation(caller, VERIFY_ORGANIZATION, {
      id: target,
      decision,
      reason: text,
    });
    return {
      done:
        verifyOrganization.verificationStatus === 'VERIFIED'
          ? `${verifyOrganization.name} est vérifiée\u00a0; les autres demandes pour son SIRET sont refusées. Ses membres sont prévenus par e-mail.`
          : `${verifyOrganization.name} est refusée. Ses membres sont prévenus par e-mail, avec le motif.`,
      failed: null,
    };
  } catch (error) {
    return failed(verificationError(formErrorOf(error)));
  }
}
