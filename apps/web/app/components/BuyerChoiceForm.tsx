import { Form, useSubmit } from 'react-router';
import { useHydrated } from '../lib/use-hydrated';

/** The value of the choice "for me, as a consumer" (lib/buying.server.ts FOR_MYSELF). */
const FOR_MYSELF = 'moi';

/**
 * Who buys: one of the person's businesses (B2B prices, payment by invoice) or the person as a consumer. A GET form:
 * the page reloads priced for the buyer chosen (at once with JS, with its button without).
 */
export function BuyerChoiceForm({
  action,
  businesses,
  buyerId,
  headingLevel = 2,
}: {
  action: string;
  businesses: { id: string; name: string }[];
  buyerId: string | null;
  headingLevel?: 2 | 3;
}) {
  const submit = useSubmit();
  const hydrated = useHydrated();
  const Heading = `h${headingLevel}` as const;
  const choices = [
    ...businesses.map((business) => ({
      value: business.id,
      label: business.name,
      hint: 'prix professionnels, paiement sur facture à 30 jours',
    })),
    { value: FOR_MYSELF, label: 'Pour moi (particulier)', hint: 'prix particuliers, paiement par carte' },
  ];
  return (
    <Form
      method="get"
      action={action}
      className="card buyer-choice"
      onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
    >
      <fieldset>
        <legend>
          <Heading className="buyer-choice__title">Vous achetez</Heading>
        </legend>
        <div className="buyer-choice__options">
          {choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input
                type="radio"
                name="acheteur"
                value={choice.value}
                defaultChecked={(buyerId ?? FOR_MYSELF) === choice.value}
              />
              <span>
                <strong>{choice.label}</strong>
                <br />
                <span className="small muted">{choice.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {hydrated ? null : (
        <button type="submit" className="button--secondary">
          Appliquer
        </button>
      )}
    </Form>
  );
}
