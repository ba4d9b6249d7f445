import { Form, useLocation } from 'react-router';

interface BusinessRef {
  id: string;
  name: string;
}

/**
 * Which business a /pro page is about, for a person buying for several: one form on every /pro page, sent to
 * /pro/organisation, which remembers the choice (the cart's buyer too) and comes back to the page. It also says when
 * the address named a business the viewer does not buy for.
 */
export function BusinessSwitch({
  businesses,
  current,
  unknownBusiness,
}: {
  businesses: BusinessRef[];
  current: BusinessRef;
  unknownBusiness: boolean;
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete('organisation');
  const back = `${location.pathname}${params.size ? `?${params}` : ''}`;
  return (
    <>
      {unknownBusiness ? (
        <div className="alert alert--warning" role="alert">
          Le lien suivi concerne une entreprise dont vous n’êtes pas membre : voici la page de {current.name}.
        </div>
      ) : null}
      {businesses.length > 1 ? (
        <Form method="get" action="/pro/organisation" className="producer-switch" aria-label="Choisir l’entreprise">
          <input type="hidden" name="retour" value={back} />
          <div className="field">
            <label htmlFor="organisation">Entreprise</label>
            <select id="organisation" name="organisation" defaultValue={current.id}>
              {businesses.map((business) => (
                <option key={business.id} value={business.id}>
                  {business.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button--secondary">
            Afficher cette entreprise
          </button>
        </Form>
      ) : null}
    </>
  );
}
