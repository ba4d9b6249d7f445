import { Link } from 'react-router';

export type StartKind = 'PRODUCER' | 'BUSINESS' | 'BRAND';

/** `/pro/demarrer`, coming back to `back` once the business is registered (a path of this site). */
export const businessStartPath = (back?: string): string =>
  back ? `/pro/demarrer?retour=${encodeURIComponent(back)}` : '/pro/demarrer';

/**
 * The ways a signed-in person without the right organization starts one of their own: selling as a producer
 * (/producteur/demarrer), buying for a business (/pro/demarrer) or running a territory brand (/marque/creer), side by
 * side where several fit.
 */
export function OrganizationStart({ kinds, back }: { kinds: StartKind[]; back?: string }) {
  return (
    <div className="organization-start">
      {kinds.map((kind) =>
        kind === 'BRAND' ? (
          <section key={kind} className="card stack organization-start__choice" aria-labelledby="creer-marque">
            <h2 id="creer-marque">Vous portez une marque de territoire&nbsp;?</h2>
            <p>
              Créez-la avec ses départements et sa charte&nbsp;: une fois vérifiée par l’équipe d’Ancrage, elle
              accueille les producteurs de son territoire et accorde son label à leurs produits.
            </p>
            <p>
              <Link to="/marque/creer" className="button">
                Créer une marque de territoire
              </Link>
            </p>
          </section>
        ) : kind === 'PRODUCER' ? (
          <section key={kind} className="card stack organization-start__choice" aria-labelledby="devenir-producteur">
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
        ) : (
          <section key={kind} className="card stack organization-start__choice" aria-labelledby="inscrire-entreprise">
            <h2 id="inscrire-entreprise">Vous achetez pour une entreprise&nbsp;?</h2>
            <p>
              Inscrivez votre restaurant, votre commerce ou votre entreprise avec son SIRET et son adresse&nbsp;: vous
              commanderez pour elle et paierez sur facture.
            </p>
            <p>
              <Link to={businessStartPath(back)} className="button">
                Inscrire mon entreprise
              </Link>
            </p>
          </section>
        ),
      )}
    </div>
  );
}
