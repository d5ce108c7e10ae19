import L from 'leaflet';
import type { NavigateFunction } from 'react-router';

/* What every Leaflet map of the app shares beside its ground (baseMap.tsx): pins that are named
   keyboard-focusable buttons with a popup link into the app, numbered cluster circles. Pages show
   the same items as a list beside the map. */

/** One place on the map: a letter on the pin, a name for screen readers, a link in its popup. */
export interface Pin {
  id: string;
  lat: number;
  lng: number;
  /** one or two characters on the pin (aria-hidden; the label says it in words) */
  letter: string;
  /** the marker's accessible name */
  label: string;
  title: string;
  href: string;
  /** a line under the link in the popup */
  meta: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A pin that is a keyboard-focusable button named after its place; its popup links into the app
 * (a client-side navigation). Every map of the app draws its single places with this.
 */
export function pinMarker(p: Pin, navigate: NavigateFunction): L.Marker {
  const marker = L.marker([p.lat, p.lng], {
    title: p.label,
    alt: p.label,
    keyboard: true,
    icon: L.divIcon({
      className: '',
      html: `<span class="map-pin"><span aria-hidden="true">${escapeHtml(p.letter)}</span></span><span class="visually-hidden">${escapeHtml(p.label)}</span>`,
      iconSize: [34, 34],
      iconAnchor: [17, 34],
      popupAnchor: [0, -30],
    }),
  });
  const box = document.createElement('div');
  const link = document.createElement('a');
  link.href = p.href;
  link.textContent = p.title;
  link.addEventListener('click', (e) => {
    e.preventDefault();
    navigate(p.href);
  });
  const meta = document.createElement('p');
  meta.textContent = p.meta;
  box.append(link, meta);
  marker.bindPopup(box);
  return marker;
}

/** The round numbered icon of several places at one spot, with its count said in words. */
export function clusterIcon(count: number, label: string): L.DivIcon {
  return L.divIcon({
    className: '',
    html: `<span class="map-cluster"><span aria-hidden="true">${count}</span><span class="visually-hidden">${escapeHtml(label)}</span></span>`,
    iconSize: [44, 44],
  });
}
