import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { MapNote, useBaseMap } from '../../app/baseMap.tsx';
import { clusterIcon, pinMarker } from '../../app/mapMarkers.ts';
import type { MapCell, MapView, ResourceKind } from './types.ts';

const kindLetter: Record<ResourceKind, string> = {
  room: 'R',
  equipment: 'G',
  vehicle: 'F',
  giveaway: 'V',
  skill: 'K',
  service: 'D',
};

/**
 * Resources on a Leaflet map (loaded only when the map page opens). The server clusters what is in
 * view (GET /resources/clusters), so the map stays light however many resources the town has: a
 * numbered circle stands for several and zooms in when chosen; a pin is one resource, and its popup
 * links to its page. Every marker is a keyboard-focusable button with a name. The map reports its
 * view (bounding box and zoom) after every move; the page asks for the cells and the list of that view.
 */
export default function ResourceMap({
  cells,
  center,
  zoom,
  onView,
}: {
  cells: MapCell[];
  /** where to look: the network's default, or the district or point the filters name */
  center: [number, number];
  zoom: number;
  onView: (view: MapView) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  const { map, tiles } = useBaseMap(ref);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const onViewRef = useRef(onView);
  onViewRef.current = onView;

  // the map reports its view after every move
  useEffect(() => {
    if (!map) return;
    const report = () => onViewRef.current({ bbox: map.getBounds().toBBoxString(), zoom: map.getZoom() });
    map.on('moveend', report);
    layerRef.current = L.layerGroup().addTo(map);
    return () => {
      map.off('moveend', report);
      layerRef.current?.remove();
      layerRef.current = null;
    };
  }, [map]);

  // where to look: moving fires moveend, which reports the view
  useEffect(() => {
    map?.setView(center, zoom);
  }, [map, center[0], center[1], zoom]);

  // the markers of the current view
  useEffect(() => {
    const layer = layerRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    for (const c of cells) {
      if (c.resource) {
        const r = c.resource;
        layer.addLayer(
          pinMarker(
            {
              id: r.id,
              lat: c.lat,
              lng: c.lng,
              letter: kindLetter[r.kind],
              label: `${r.title} (${t(`sharing.kind.${r.kind}`)})`,
              title: r.title,
              href: `/teilen/ressourcen/${r.id}`,
              meta: `${t(`sharing.kind.${r.kind}`)}${r.approximate ? ` · ${t('sharing.resource.approximate')}` : ''}`,
            },
            navigate,
          ),
        );
      } else {
        const label = t('sharing.map.cluster', { count: c.count });
        const marker = L.marker([c.lat, c.lng], {
          title: label,
          alt: label,
          keyboard: true,
          icon: clusterIcon(c.count, label),
        });
        // choosing a cluster zooms in on it, where it splits up
        marker.on('click', () => map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, 19)));
        layer.addLayer(marker);
      }
    }
  }, [map, cells, t, navigate]);

  return (
    <div className="map-frame">
      <section ref={ref} className="pin-map" aria-label={t('sharing.map.label')} />
      <MapNote tiles={tiles} />
    </div>
  );
}
