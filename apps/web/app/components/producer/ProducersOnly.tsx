import { OrganizationStart } from '../OrganizationStart';
import { ReservedSpace } from '../ReservedSpace';

/**
 * What a signed-in person who works for no producer sees on the producer's pages, with the way to become one, and
 * the way to register the business they may buy for instead.
 */
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
      <OrganizationStart kinds={['PRODUCER', 'BUSINESS']} />
    </>
  );
}
