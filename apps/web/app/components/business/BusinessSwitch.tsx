import { useLocation } from 'react-router';
import { OrganizationSwitch, type OrganizationRef } from '../OrganizationSwitch';

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
  businesses: OrganizationRef[];
  current: OrganizationRef;
  unknownBusiness: boolean;
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete('organisation');
  return (
    <OrganizationSwitch
      organizations={businesses}
      current={current}
      unknown={unknownBusiness}
      unknownText={`Le lien suivi concerne une entreprise dont vous n’êtes pas membre\u00a0: voici la page de ${current.name}.`}
      param="organisation"
      label="Entreprise"
      submitLabel="Afficher cette entreprise"
      rememberAt={{
        action: '/pro/organisation',
        back: `${location.pathname}${params.size ? `?${params}` : ''}`,
        formLabel: 'Choisir l’entreprise',
      }}
    />
  );
}
