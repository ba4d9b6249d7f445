import type { FormError } from '../lib/api-error';
import { FieldError, invalidProps } from './FieldError';
import { Picture, type PictureData } from './Picture';

/**
 * An organization's logo in a multipart form (the producer's profile, the brand's public page): the current one, a
 * file input named `logo` (its API errors under it) and, when there is a logo, a `removeLogo` box.
 */
export function LogoField({
  idPrefix,
  ownerName,
  logo,
  error,
}: {
  /** Ids of the input, its hint and its error: `${idPrefix}-logo`, `-hint`, `-erreur`. */
  idPrefix: string;
  ownerName: string;
  logo?: PictureData | null;
  error?: FormError | null;
}) {
  const id = `${idPrefix}-logo`;
  return (
    <fieldset className="stack">
      <legend>Logo</legend>
      {logo ? (
        <Picture picture={logo} alt={`Logo actuel de ${ownerName}`} sizes="6rem" className="profile-logo" />
      ) : null}
      <div className="field">
        <label htmlFor={id}>{logo ? 'Remplacer le logo' : 'Ajouter un logo'}</label>
        <input
          id={id}
          name="logo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={`${id}-hint`}
          {...invalidProps(error, 'logo', `${id}-erreur`)}
        />
        <p className="field__hint" id={`${id}-hint`}>
          JPEG, PNG ou WebP, 8 Mo au plus.
        </p>
        <FieldError error={error} field="logo" id={`${id}-erreur`} />
      </div>
      {logo ? (
        <label className="checkbox">
          <input type="checkbox" name="removeLogo" /> Retirer le logo
        </label>
      ) : null}
    </fieldset>
  );
}
