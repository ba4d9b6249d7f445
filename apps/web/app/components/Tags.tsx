import { Link } from 'react-router';
import { CERTIFICATION_LABELS } from '../lib/format';

/** A product's certifications (AB, AOP…) as tags, with their full name for screen readers and on hover. */
export function CertificationTags({ certifications }: { certifications: readonly string[] }) {
  if (certifications.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Certifications">
      {certifications.map((code) => (
        <li key={code} className="tag" title={CERTIFICATION_LABELS[code] ?? code}>
          {CERTIFICATION_LABELS[code] ?? code}
        </li>
      ))}
    </ul>
  );
}

interface LabelLike {
  id: string;
  brand: { name: string; slug: string };
}

/** The territory brands whose label a product carries; `linked` makes each a link to the brand's page. */
export function LabelTags({ labels, linked = false }: { labels: readonly LabelLike[]; linked?: boolean }) {
  if (labels.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Marques de territoire">
      {labels.map((label) => (
        <li key={label.id} className="tag tag--label">
          {linked ? <Link to={`/marques/${label.brand.slug}`}>{label.brand.name}</Link> : label.brand.name}
        </li>
      ))}
    </ul>
  );
}
