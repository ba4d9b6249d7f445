import { useEffect, useRef, useState } from 'react';
import type { MapPoint } from '../lib/catalogue';

export interface MapTiles {
  url: string;
  attribution: string;
}

/**
 * The producers of a list on a Leaflet map, drawn in the browser only: Leaflet (and its CSS) load with the first map
 * shown, never with the page. Tiles come from `MAP_TILE_URL` when the server has one; without it the markers stand on
 * the plain `.map` background. The list beside it stays the accessible way to the same products.
 */
export function ProducerMap({
  points,
  tiles,
  label,
  listed = 'les mêmes produits',
}: {
  points: readonly MapPoint[];
  tiles: MapTiles | null;
  label: string;
  /** What the list beside the map shows, for the words under it. */
  listed?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  // Redraw only when what is shown changes (a new array on each render must not rebuild the map).
  const key = JSON.stringify([points, tiles]);
  useEffect(() => {
    let cancelled = false;
    let remove: (() => void) | undefined;
    import('./producer-map.leaflet')
      .then(({ drawProducerMap }) => {
        if (cancelled || !container.current) return;
        remove = drawProducerMap(container.current, points, tiles);
        setStatus('ready');
      })
      .catch(() => {
        if (!cancelled) setStatus('failed');
      });
    return () => {
      cancelled = true;
      remove?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div className="producer-map">
      <div ref={container} className="map" role="region" aria-label={label} data-map-status={status} />
      <p className="small muted producer-map__status">
        {status === 'failed'
          ? 'La carte n’a pas pu s’afficher. La liste ci-dessous présente les mêmes producteurs.'
          : points.length === 0
            ? 'Aucun producteur de cette page n’a de position connue.'
            : `${points.length} producteur${points.length > 1 ? 's' : ''} sur la carte. La liste ci-dessous présente ${listed}.`}
      </p>
      <noscript>
        <p className="small">La carte a besoin de JavaScript&nbsp;; la liste ci-dessous présente {listed}.</p>
      </noscript>
    </div>
  );
}
