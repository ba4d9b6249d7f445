import { Form, useNavigation } from 'react-router';
import type { FormError } from '../../lib/api-error';
import { FieldError, FormAlert, invalidProps } from '../FieldError';
import { Picture, type PictureData } from '../Picture';

export interface ProductPhoto extends PictureData {
  id: string;
  alt: string;
}

/** The intents of the product page's action that this section posts. */
export const PHOTO_INTENTS = ['photo-add', 'photo-move', 'photo-remove'] as const;

/**
 * A product's photos on its edit page: in their order (the first is the catalogue's picture), each with its
 * description, moved up or down or removed; a new one sent with its description. Works without JavaScript.
 */
export function ProductPhotos({
  photos,
  error,
  added,
}: {
  photos: ProductPhoto[];
  error?: FormError | null;
  added?: boolean;
}) {
  const busy = PHOTO_INTENTS.includes(
    String(useNavigation().formData?.get('intent')) as (typeof PHOTO_INTENTS)[number],
  );
  return (
    <section className="card stack product-photos-editor" aria-labelledby="photos-titre">
      <h2 id="photos-titre">Photos</h2>
      <p className="small muted">
        La première photo illustre le produit dans le catalogue. Chaque photo est décrite pour les personnes qui ne la
        voient pas. Les photos sont réduites et leurs métadonnées (dont la position GPS) effacées à l’envoi.
      </p>
      {added && !error ? (
        <div className="alert alert--info" role="status">
          Photo ajoutée.
        </div>
      ) : null}
      <FormAlert error={error} fields={['file', 'alt']} />
      {photos.length === 0 ? (
        <p className="muted">Aucune photo pour le moment.</p>
      ) : (
        <ol className="product-photos-editor__list">
          {photos.map((photo, index) => (
            <li key={photo.id} className="product-photos-editor__item">
              <Picture picture={photo} sizes="8rem" className="product-photos-editor__thumb" />
              <p className="small">
                <span className="muted">{index === 0 ? 'Photo principale · ' : `Photo ${index + 1} · `}</span>
                {photo.alt}
              </p>
              <div className="row product-photos-editor__actions">
                {index > 0 ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="photo-move" />
                    <input type="hidden" name="imageId" value={photo.id} />
                    <input type="hidden" name="position" value={index - 1} />
                    <button
                      type="submit"
                      className="button--secondary button--small"
                      disabled={busy}
                      aria-label={`Avancer la photo «\u00a0${photo.alt}\u00a0»`}
                    >
                      Avancer
                    </button>
                  </Form>
                ) : null}
                {index < photos.length - 1 ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="photo-move" />
                    <input type="hidden" name="imageId" value={photo.id} />
                    <input type="hidden" name="position" value={index + 1} />
                    <button
                      type="submit"
                      className="button--secondary button--small"
                      disabled={busy}
                      aria-label={`Reculer la photo «\u00a0${photo.alt}\u00a0»`}
                    >
                      Reculer
                    </button>
                  </Form>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="photo-remove" />
                  <input type="hidden" name="imageId" value={photo.id} />
                  <button
                    type="submit"
                    className="button--danger button--small"
                    disabled={busy}
                    aria-label={`Retirer la photo «\u00a0${photo.alt}\u00a0»`}
                  >
                    Retirer
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Form
        method="post"
        encType="multipart/form-data"
        className="stack product-photos-editor__add"
        key={photos.length}
      >
        <input type="hidden" name="intent" value="photo-add" />
        <div className="field">
          <label htmlFor="photo-file">Nouvelle photo</label>
          <input
            id="photo-file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-describedby="photo-file-hint"
            {...invalidProps(error, 'file', 'photo-file-erreur')}
          />
          <p className="field__hint" id="photo-file-hint">
            JPEG, PNG ou WebP, 8 Mo au plus.
          </p>
          <FieldError error={error} field="file" id="photo-file-erreur" />
        </div>
        <div className="field">
          <label htmlFor="photo-alt">Ce que montre la photo</label>
          <input
            id="photo-alt"
            name="alt"
            type="text"
            required
            maxLength={300}
            placeholder="Ex. une meule de comté entamée"
            {...invalidProps(error, 'alt', 'photo-alt-erreur')}
          />
          <FieldError error={error} field="alt" id="photo-alt-erreur" />
        </div>
        <button type="submit" disabled={busy}>
          Ajouter la photo
        </button>
      </Form>
    </section>
  );
}
