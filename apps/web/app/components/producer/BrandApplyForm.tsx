import { Form, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';

/** What the apply action answered when the API refused an application (routes/producer/brand-application.server.ts). */
export interface ApplyRefusal {
  brandId: string;
  error: FormError;
  /** What the producer typed, kept. */
  message: string;
}

/**
 * A producer's application to a territory brand, with its message (`intent=candidater`, posted to the page it is on):
 * the API's refusal is shown by the message field, and what was typed stays.
 */
export function BrandApplyForm({
  producerId,
  brand,
  refusal,
  again = false,
}: {
  producerId: string;
  brand: { id: string; name: string };
  refusal?: ApplyRefusal;
  /** The producer applies again after a refusal or a withdrawal. */
  again?: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.formData?.get('marque') === brand.id;
  const failed = refusal?.brandId === brand.id ? refusal : undefined;
  const messageId = `message-${brand.id}`;
  const errorId = `${messageId}-erreur`;
  const hintId = `${messageId}-aide`;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="candidater" />
      <input type="hidden" name="producteur" value={producerId} />
      <input type="hidden" name="marque" value={brand.id} />
      <div className="field">
        <label htmlFor={messageId}>Message à {brand.name} (facultatif)</label>
        <textarea
          id={messageId}
          name="message"
          rows={3}
          defaultValue={failed?.message}
          aria-invalid={failed ? true : undefined}
          aria-describedby={failed ? `${hintId} ${errorId}` : hintId}
        />
        <p className="field__hint" id={hintId}>
          Présentez votre ferme et vos produits&nbsp;: la marque le lit avant de décider.
        </p>
        {failed ? (
          <p className="field__error" id={errorId} role="alert">
            {failed.error.message}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Envoi…' : again ? `Candidater à nouveau à ${brand.name}` : `Candidater à ${brand.name}`}
        </button>
      </div>
    </Form>
  );
}
