import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import L from 'leaflet';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Resource } from './types.ts';

const kindLetter: Record<Resource['kind'], string> = {
  room: 'R',
  equipment: 'G',
  vehicle: 'F',
  giveaway: 'V',
  skill: 'K',
  service: 'D',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Resources on a Leaflet map with clustering (loaded only when the map page opens). Every marker is
 * a keyboard-focusable button named after its resource; its popup links to the resource page. The
 * list next to the map says the same in text.
 */
export default function ResourceMap({
  resources,
  tileUrl,
  attribution,
  center,
  zoom,
}: {
  resources: Resource[];
  tileUrl: string;
  attribution: string;
  center: [number, number] | null;
  zoom: number;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const map = L.map(ref.current, { scrollWheelZoom: false });
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(map);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: (c) => {
        const n = c.getChildCount();
        return L.divIcon({
          className: '',
          html: `<span class="map-cluster"><span aria-hidden="true">${n}</span><span class="visually-hidden">${escapeHtml(t('sharing.map.cluster', { count: n }))}</span></span>`,
          iconSize: [44, 44],
        });
      },
    });
    for (const r of resources) {
      if (r.lat === null || r.lng === null) continue;
      const label = `${r.title} (${t(`sharing.kind.${r.kind}`)})`;
      const marker = L.marker([r.lat, r.lng], {
        title: label,
        alt: label,
        keyboard: true,
        icon: L.divIcon({
          className: '',
          html: `<span class="map-pin"><span aria-hidden="true">${kindLetter[r.kind]}</span></span><span class="visually-hidden">${escapeHtml(label)}</span>`,
          iconSize: [34, 34],
          iconAnchor: [17, 34],
          popupAnchor: [0, -30],
        }),
      });
      const box = document.createElement('div');
      const link = document.createElement('a');
      link.href = `/teilen/ressourcen/${r.id}`;
      link.textContent = r.title;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        navigate(`/teilen/ressourcen/${r.id}`);
      });
      const meta = document.createElement('p');
      meta.textContent = `${t(`sharing.kind.${r.kind}`)} · ${r.owner.name}${r.approximate ? ` · ${t('sharing.resource.approximate')}` : ''}`;
      box.append(link, meta);
      marker.bindPopup(box);
      cluster.addLayer(marker);
    }
    map.addLayer(cluster);
    const bounds = cluster.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.25), { maxZoom: 16 });
    else map.setView(center ?? [51.3, 9.48], zoom);
    return () => {
      map.remove();
    };
  }, [resources, tileUrl, attribution, center, zoom, t, navigate]);
  return <section ref={ref} className="resource-map" aria-label={t('sharing.map.label')} />;
}
