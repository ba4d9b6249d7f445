import { useState, type ReactNode } from 'react';
import { Form, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { CATEGORY_LABELS, CERTIFICATION_LABELS } from '../../lib/format';
import { useHydrated } from '../../lib/use-hydrated';
import { FieldError, FormAlert } from '../FieldError';
import { tierRowsOf, UNIT_OPTION_LABELS, UNITS, VAT_RATE_OPTIONS, type ProductFormValues } from './product-form';

const FIELDS = [
  'name',
  'description',
  'category',
  'unit',
  'unitMassKg',
  'priceCents',
  'vatRate',
  'stock',
  'minOrderQuantity',
  'b2bPriceTiers',
  'certifications',
  'ciqualCode',
];
const shownOnAField = (error?: FormError | null) =>
  Boolean(error?.field && (FIELDS.includes(error.field) || error.field.startsWith('b2bPriceTiers.')));

/** A labelled input with its hint and the error the API gave for its field. */
function Field({
  id,
  label,
  field,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  field: string;
  error?: FormError | null;
  hint?: ReactNode;
  children: (props: Record<string, unknown>) => ReactNode;
}) {
  const errorId = `${id}-erreur`;
  const hintId = hint ? `${id}-aide` : undefined;
  const invalid = error?.field === field;
  const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError error={error} field={field} id={errorId} />
    </div>
  );
}

/**
 * The product form of `/producteur/produits/nouveau` and `/producteur/produits/:id`: everything the API lets a
 * producer say about a product. The unit is chosen once, at creation (`UpdateProductInput` has no unit).
 */
export function ProductForm({
  values,
  error,
  submitLabel,
  unitLocked,
  hidden,
}: {
  values: ProductFormValues;
  error?: FormError | null;
  submitLabel: string;
  unitLocked: boolean;
  hidden: Record<string, string>;
}) {
  const busy = useNavigation().state === 'submitting';
  const hydrated = useHydrated();
  const [addedRows, setAddedRows] = useState(0);
  const tierRows = tierRowsOf(values.tiers, addedRows);
  return (
    <Form method="post" noValidate className="product-form stack">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {shownOnAField(error) ? (
        <div className="alert alert--error" role="alert">
          Le produit n’a pas été enregistré&nbsp;: corrigez le champ signalé ci-dessous.
        </div>
      ) : (
        <FormAlert error={error} fields={[]} />
      )}

      <fieldset>
        <legend>Le produit</legend>
        <Field id="produit-nom" label="Nom" field="name" error={error}>
          {(props) => <input {...props} name="name" defaultValue={values.name} maxLength={200} required />}
        </Field>
        <Field id="produit-description" label="Description (facultative)" field="description" error={error}>
          {(props) => (
            <textarea {...props} name="description" rows={4} defaultValue={values.description} maxLength={5000} />
          )}
        </Field>
        <Field
          id="produit-categorie"
          label="Catégorie"
          field="category"
          error={error}
          hint="Elle fixe aussi la chaîne conventionnelle à laquelle le bilan carbone compare vos livraisons."
        >
          {(props) => (
            <select {...props} name="category" defaultValue={values.category} required>
              <option value="">Choisissez une catégorie</option>
              {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="produit-ciqual"
          label="Code CIQUAL (facultatif)"
          field="ciqualCode"
          error={error}
          hint="De 3 à 6 chiffres&nbsp;: le code de l’aliment dans la table CIQUAL de l’ANSES, clé d’AGRIBALYSE. Il accompagne vos produits dans les bilans RSE de vos acheteurs professionnels."
        >
          {(props) => (
            <input
              {...props}
              name="ciqualCode"
              inputMode="numeric"
              defaultValue={values.ciqualCode}
              className="product-form__short"
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Vente</legend>
        <div className="product-form__grid">
          <Field
            id="produit-unite"
            label="Unité de vente"
            field="unit"
            error={error}
            hint={unitLocked ? 'L’unité ne se change plus une fois le produit créé.' : undefined}
          >
            {(props) => (
              <select {...props} name="unit" defaultValue={values.unit} disabled={unitLocked}>
                {UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {UNIT_OPTION_LABELS[unit]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="produit-masse"
            label="Masse d’une unité (kg)"
            field="unitMassKg"
            error={error}
            hint="Avec son emballage&nbsp;; elle sert au bilan carbone des livraisons. Pour un produit vendu au kilo&nbsp;: 1, ou laissez vide."
          >
            {(props) => <input {...props} name="unitMassKg" inputMode="decimal" defaultValue={values.unitMassKg} />}
          </Field>
          <Field
            id="produit-prix"
            label="Prix hors TVA (€ par unité)"
            field="priceCents"
            error={error}
            hint="Le prix aux particuliers, par exemple 2,20."
          >
            {(props) => <input {...props} name="price" inputMode="decimal" defaultValue={values.price} required />}
          </Field>
          <Field id="produit-tva" label="Taux de TVA" field="vatRate" error={error}>
            {(props) => (
              <select {...props} name="vatRate" defaultValue={values.vatRate}>
                {VAT_RATE_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="produit-stock" label="Stock (en unités de vente)" field="stock" error={error}>
            {(props) => <input {...props} name="stock" inputMode="decimal" defaultValue={values.stock} required />}
          </Field>
          <Field
            id="produit-minimum"
            label="Quantité minimale de commande (facultative)"
            field="minOrderQuantity"
            error={error}
          >
            {(props) => (
              <input {...props} name="minOrderQuantity" inputMode="decimal" defaultValue={values.minOrderQuantity} />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="product-form__tiers" aria-describedby="paliers-aide">
        <legend>Prix professionnels (facultatifs)</legend>
        <p className="field__hint" id="paliers-aide">
          À partir d’une quantité commandée, le prix hors TVA par unité qu’obtiennent les entreprises. Par quantité
          croissante&nbsp;; laissez vides les lignes inutiles.
        </p>
        <FieldError error={error} field="b2bPriceTiers" id="paliers-erreur" />
        {tierRows.map((tier, index) => (
          <div className="product-form__tier" key={index}>
            <Field
              id={`palier-${index}-quantite`}
              label={`Palier ${index + 1}\u00a0: à partir de (quantité)`}
              field={`b2bPriceTiers.${index}.minQuantity`}
              error={error}
            >
              {(props) => (
                <input {...props} name="tierMinQuantity" inputMode="decimal" defaultValue={tier.minQuantity} />
              )}
            </Field>
            <Field
              id={`palier-${index}-prix`}
              label={`Palier ${index + 1}\u00a0: prix hors TVA (€ par unité)`}
              field={`b2bPriceTiers.${index}.unitPriceCents`}
              error={error}
            >
              {(props) => <input {...props} name="tierUnitPrice" inputMode="decimal" defaultValue={tier.unitPrice} />}
            </Field>
          </div>
        ))}
        {hydrated ? (
          <button
            type="button"
            className="button--secondary button--small"
            onClick={() => setAddedRows((rows) => rows + 1)}
          >
            Ajouter un palier
          </button>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Certifications</legend>
        <FieldError error={error} field="certifications" id="certifications-erreur" />
        <div className="product-form__choices">
          {Object.entries(CERTIFICATION_LABELS).map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="checkbox"
                name="certifications"
                value={value}
                defaultChecked={values.certifications.includes(value)}
              />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <button type="submit" disabled={busy}>
        {busy ? 'Enregistrement…' : submitLabel}
      </button>
    </Form>
  );
}
