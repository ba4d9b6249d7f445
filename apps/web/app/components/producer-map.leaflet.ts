// Loaded by ProducerMap with a dynamic import only: Leaflet and its stylesheet are a chunk of their own.
import 'leaflet/dist/leaflet.css';
import { control, divIcon, latLngBounds, map as leafletMap, marker, tileLayer } from 'leaflet';
import type { MapPoint } from '../lib/catalogue';
import type { MapTiles } from './ProducerMap';

const FRANCE_CENTRE: [number, number] = [46.6, 2.4];

/** Draws the markers (named for screen readers and keyboards) in `element`; returns what removes the map. */
export function drawProducerMap(element: HTMLElement, points: readonly MapPoint[], tiles: MapTiles | null): () => void {
  const map = leafletMap(element, { scrollWheelZoom: false, zoomControl: false });
  control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(map);
  map.attributionControl.setPrefix('Leaflet');
  if (tiles) tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);
  for (const point of points) {
    const detail = point.detail ?? `${point.productCount} produit${point.productCount > 1 ? 's' : ''} dans cette liste`;
    const title = `${point.name} — ${detail}`;
    const icon = divIcon({
      className: 'map-marker',
      html: '<span class="map-marker__dot" aria-hidden="true"></span>',
      iconSize: [22, 22],
      iconAnchor: [11, 11],
    });
    const popup = document.createElement('div');
    const name = document.createElement('strong');
    name.textContent = point.name;
    popup.append(name, document.createElement('br'), detail);
    marker([point.latitude, point.longitude], { icon, title, alt: title, keyboard: true }).bindPopup(popup).addTo(map);
  }
  if (points.length === 0) map.setView(FRANCE_CENTRE, 5);
  else if (points.length === 1) map.setView([points[0].latitude, points[0].longitude], 10);
  else
    map.fitBounds(latLngBounds(points.map((p) => [p.latitude, p.longitude] as [number, number])), {
      padding: [32, 32],
      maxZoom: 11,
    });
  return () => map.remove();
}
