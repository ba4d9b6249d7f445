/**
 * What an organization awaiting verification (or refused) cannot do yet, said plainly on its own pages (issue #20
 * item 5): nothing when it is VERIFIED.
 */
export function VerificationNotice({
  kind,
  name,
  status,
}: {
  kind: 'PRODUCER' | 'BUSINESS';
  name: string;
  status: string;
}) {
  if (status === 'VERIFIED') return null;
  const rejected = status === 'REJECTED';
  const text =
    kind === 'PRODUCER'
      ? rejected
        ? `L’équipe Ancrage n’a pas reconnu ${name} comme l’entreprise de son SIRET (le motif vous a été envoyé par e-mail). Tant qu’elle n’est pas vérifiée, elle ne reçoit ni commande payée sur facture ni versement, et n’émet aucune facture. Répondez à cet e-mail avec un extrait Kbis ou un avis de situation SIRENE.`
        : `${name} attend sa vérification par l’équipe Ancrage, qui contrôle que son SIRET est bien le vôtre. D’ici là, vous pouvez préparer votre catalogue et vos livraisons, mais vous ne recevez ni commande payée sur facture ni versement, et aucune facture n’est émise à votre nom. Vous recevrez un e-mail dès la décision.`
      : rejected
        ? `L’équipe Ancrage n’a pas reconnu ${name} comme l’entreprise de son SIRET (le motif vous a été envoyé par e-mail)\u00a0: elle ne peut pas payer sur facture. Vous pouvez toujours payer par carte.`
        : `${name} attend sa vérification par l’équipe Ancrage, qui contrôle que son SIRET est bien le vôtre. Vous pouvez commander\u00a0; le paiement sur facture reste plafonné chez chaque producteur qui ne vous a jamais livré.`;
  return (
    <div className={rejected ? 'alert alert--error' : 'alert alert--warning'} role="note">
      <strong>{rejected ? 'Organisation non vérifiée.' : 'Vérification en cours.'}</strong> {text}
    </div>
  );
}
