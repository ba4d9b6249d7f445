import { data, type RouterContextProvider } from 'react-router';
import { formErrorOf } from '../../lib/api.server';
import { requireSignIn } from '../../lib/require-sign-in.server';
import type { DecisionFailure } from './DecisionForm';

/**
 * The action of a brand's decision queue (producers' applications, label requests): the form of `DecisionForm` sends
 * the request's id as `idField`, a reason ("motif") and "decision" = `approveValue` or "refuser". `decide` asks the
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
  if (decision !== approveValue && decision !== 'refuser') throw data('Décision inconnue.', { status: 400 });
  try {
    return { decided: await decide(id, decision === approveValue, reasonText.trim() || null), failed: null };
  } catch (error) {
    const failed: DecisionFailure & { id: string } = { id, error: formErrorOf(error), reasonText };
    return data({ decided: null, failed }, { status: 400 });
  }
}
