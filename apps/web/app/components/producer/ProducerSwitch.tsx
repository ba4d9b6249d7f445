import { Form } from 'react-router';

interface ProducerRef {
  id: string;
  name: string;
}

/**
 * Which producer the page is about, for a person working for several (`?producteur=<id>`); nothing for one. It also
 * says when the address named a producer the viewer does not work for.
 */
export function ProducerSwitch({
  producers,
  current,
  unknownProducer,
}: {
  producers: ProducerRef[];
  current: ProducerRef;
  unknownProducer: boolean;
}) {
  return (
    <>
      {unknownProducer ? (
        <div className="alert alert--warning" role="alert">
          Le lien suivi concerne un producteur dont vous n’êtes pas membre : voici la page de {current.name}.
        </div>
      ) : null}
      {producers.length > 1 ? (
        <Form method="get" className="producer-switch">
          <div className="field">
            <label htmlFor="producteur">Producteur</label>
            <select id="producteur" name="producteur" defaultValue={current.id}>
              {producers.map((producer) => (
                <option key={producer.id} value={producer.id}>
                  {producer.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button--secondary">
            Afficher
          </button>
        </Form>
      ) : null}
    </>
  );
}
