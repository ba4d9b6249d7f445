import { data, type RouterContextProvider } from 'react-router';
import { formErrorOf } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import type { DecisionFailure } from './DecisionForm';

const WITHDRAWAL_WITHOUT_REASON = 'Indiquez le motif du retrait\u00a0: le producteur le lira.';

/**
 * The action of a brand's decision queue (producers' applications, label requests): the form of `DecisionForm` sends
 * the request's id as `idField`, a reason ("motif") and "decision" = `approveValue` or "refuser"; `WithdrawForm`
 * sends "retirer" (approve: false on an approved one). `decide` asks the
 * API; a refusal by the API gives the form back its error and the reason typed.
 */
export async function decisionAction<T>(
  request: Request,
  context: Readonly<RouterContextProvider>,
  idField: string,
  approveValue: string,
  decide: (id: string, approve: boolean, reason: string | null) => Promise<T>,
) {
  requireSignIn(request, context);
  const form = await request.formData();
  const id = String(form.get(idField) ?? '');
  const reasonText = String(form.get('motif') ?? '');
  const decision = form.get('decision');
  if (decision !== approveValue && decision !== 'refuser' && decision !== 'retirer')
    throw data('Décision inconnue.', { status: 400 });
  try {
    return { decided: await decide(id, decision === approveValue, reasonText.trim() || null), failed: null };
  } catch (error) {
    const apiError = formErrorOf(error);
    // A withdrawal without a reason: the API's words are a refusal's.
    const withdrawal = decision === 'retirer' && apiError.field === 'reason' && apiError.code === 'BAD_USER_INPUT';
    const failed: DecisionFailure & { id: string } = {
      id,
      error: withdrawal && !reasonText.trim() ? { ...apiError, message: WITHDRAWAL_WITHOUT_REASON } : apiError,
      reasonText,
    };
    return data({ decided: null, failed }, { status: 400 });
  }
}
