import { NavLink } from 'react-router';

/** The pages of the producer's back-office, for the producer the page is about (kept when the viewer has several). */
export function ProducerNav({ producerId, several }: { producerId: string; several: boolean }) {
  const search = several ? `?producteur=${encodeURIComponent(producerId)}` : '';
  return (
    <nav className="producer-nav" aria-label="Espace producteur">
      <NavLink to={`/producteur${search}`} end>
        Commandes
      </NavLink>
      <NavLink to={`/producteur/produits${search}`}>Produits</NavLink>
      <NavLink to={`/producteur/livraisons${search}`}>Livraisons</NavLink>
      <NavLink to={`/producteur/marques${search}`}>Marques</NavLink>
      <NavLink to={`/producteur/profil${search}`}>Profil</NavLink>
      <NavLink to={`/producteur/factures${search}`}>Factures</NavLink>
      <NavLink to={`/producteur/paiements${search}`}>Paiements</NavLink>
      <NavLink to={`/producteur/membres${search}`}>Membres</NavLink>
      <NavLink to={`/producteur/demarrer${search}`}>Démarrer</NavLink>
    </nav>
  );
}
