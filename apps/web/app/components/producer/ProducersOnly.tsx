import { Link } from 'react-router';
import { ReservedSpace } from '../ReservedSpace';

/** What a signed-in person who works for no producer sees on the producer's pages, with the way to become one. */
export function ProducersOnly({ title }: { title: string }) {
  return (
    <>
      <ReservedSpace
        audience={{
          title,
          reservedFor: 'aux producteurs',
          purpose: 'Ils y préparent les commandes reçues et y configurent leurs paiements.',
          organization: 'aucune organisation de producteur',
          whoYouMayBe: 'travaillez pour un producteur vendant sur Ancrage',
          withOrders: true,
        }}
      />
      <section className="card stack producers-only__start" aria-labelledby="devenir-producteur">
        <h2 id="devenir-producteur">Vous êtes producteur&nbsp;?</h2>
        <p>
          Créez l’organisation de votre ferme ou de votre atelier avec son SIRET et son adresse, puis mettez vos
          produits en vente.
        </p>
        <p>
          <Link to="/producteur/demarrer" className="button">
            Créer mon organisation de producteur
          </Link>
        </p>
      </section>
    </>
  );
}
