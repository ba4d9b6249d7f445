import { phoneText } from '../lib/format';

interface Contact {
  phone?: string | null;
  contactEmail?: string | null;
  /** Whom: said to screen readers after each link (« appeler Ferme du Gué »). */
  name: string;
}

/**
 * An organization's phone and e-mail as links to call or write (tel:, mailto:), the number as people read it
 * (« 01 99 00 01 01 »); nothing when it gave neither, or the reader may not see them (the API answers null).
 */
export function ContactLinks({ phone, contactEmail, name }: Contact) {
  if (!phone && !contactEmail) return null;
  return (
    <span className="contact-links">
      {phone ? (
        <a href={`tel:${phone}`}>
          {phoneText(phone)}
          <span className="visually-hidden"> (appeler {name})</span>
        </a>
      ) : null}
      {phone && contactEmail ? ' · ' : null}
      {contactEmail ? (
        <a href={`mailto:${contactEmail}`}>
          {contactEmail}
          <span className="visually-hidden"> (écrire à {name})</span>
        </a>
      ) : null}
    </span>
  );
}

/** « Contact : 01 99 00 01 01 · contact@… », or nothing. */
export function ContactLine(contact: Contact) {
  if (!contact.phone && !contact.contactEmail) return null;
  return (
    <p className="contact-line">
      Contact&nbsp;: <ContactLinks {...contact} />
    </p>
  );
}
