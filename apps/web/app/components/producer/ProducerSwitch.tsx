import { OrganizationSwitch, type OrganizationRef } from '../OrganizationSwitch';

/**
 * Which producer the page is about, for a person working for several (`?producteur=<id>`); nothing for one. It also
 * says when the address named a producer the viewer does not work for.
 */
export function ProducerSwitch({
  producers,
  current,
  unknownProducer,
}: {
  producers: OrganizationRef[];
  current: OrganizationRef;
  unknownProducer: boolean;
}) {
  return (
    <OrganizationSwitch
      organizations={producers}
      current={current}
      unknown={unknownProducer}
      unknownText={`Le lien suivi concerne un producteur dont vous n’êtes pas membre\u00a0: voici la page de ${current.name}.`}
      param="producteur"
      label="Producteur"
      submitLabel="Afficher"
    />
  );
}
