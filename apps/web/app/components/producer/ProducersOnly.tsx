import { Link } from 'react-router';

/** What a signed-in person who works for no producer sees on the producer's pages. */
export function ProducersOnly({ title }: { title: string }) {
  return (
    <div className="stack">
      <h1>{title}</h1>
      <div className="empty-state stack">
        <p>
          <strong>Cet espace est réservé aux producteurs.</strong> Ils y préparent les commandes reçues et y configurent
          leurs paiements.
        </p>
        <p>
          Votre compte n’est membre d’aucune organisation de producteur. Si vous travaillez pour un producteur vendant
          sur Ancrage, demandez à son responsable de vous ajouter à ses membres.
        </p>
        <p className="row producer-only__links">
          <Link to="/commandes" className="button">
            Voir mes commandes
          </Link>
          <Link to="/produits" className="button button--secondary">
            Voir les produits
          </Link>
        </p>
      </div>
    </div>
  );
}
