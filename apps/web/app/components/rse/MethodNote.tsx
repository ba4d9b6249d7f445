import type { ReactNode } from 'react';

/**
 * The method behind the figures, a click away: what is counted, against what, and the versions the figures were
 * computed with ("1.0/1.0.0+4b0da9dc": the method document's version, then the emission factors file's version and
 * the fingerprint of its content). `children` adds what matters to the page's reader.
 */
export function MethodNote({ versions, children }: { versions: readonly string[]; children?: ReactNode }) {
  return (
    <details className="method-note small">
      <summary>
        Méthode de calcul{versions.length ? ` (version${versions.length > 1 ? 's' : ''} ${versions.join(', ')})` : ''}
      </summary>
      <p>
        Les émissions sont celles du transport, du puits à la roue (carburant produit et brûlé&nbsp;; fabrication des
        véhicules exclue), selon la norme ISO 14083&nbsp;: distance parcourue × facteur du véhicule (valeurs françaises
        de l’arrêté du 10 avril 2012, gazole à 3,17 kg CO₂e par litre). Une tournée est partagée entre ses commandes au
        prorata de la masse × distance.
      </p>
      <p>
        La chaîne classique de référence transporte la même marchandise d’origine française par une plateforme
        régionale&nbsp;: 450 km en poids lourd de 40 t, puis 150 km en porteur jusqu’au commerce (frigorifique pour le
        frais).
      </p>
      {children}
      {versions.length ? (
        <p>
          La version se lit ainsi&nbsp;: «&nbsp;1.0&nbsp;» est celle du document de méthode&nbsp;; la suite, celle du
          fichier de facteurs d’émission et l’empreinte de son contenu. Chaque empreinte garde la version avec laquelle
          elle a été calculée&nbsp;: une période peut en réunir plusieurs.
        </p>
      ) : null}
    </details>
  );
}
