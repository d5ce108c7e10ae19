import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapNote, useBaseMap } from '../../app/baseMap.tsx';

/**
 * A small map with one marker (Leaflet, loaded only when a page shows a map) on the network's
 * background with its districts; the address next to the map is the equivalent text.
 */
export default function OrganisationMap({
  lat,
  lng,
  name,
  zoom,
}: {
  lat: number;
  lng: number;
  name: string;
  zoom: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const { map, tiles } = useBaseMap(ref);
  useEffect(() => {
    if (!map) return;
    map.setView([lat, lng], zoom);
    const marker = L.circleMarker([lat, lng], { radius: 9, color: '#0b5d4b', weight: 3, fillOpacity: 0.6 })
      .bindTooltip(name)
      .addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, lat, lng, name, zoom]);
  return (
    <div className="map-frame">
      <section ref={ref} className="map" aria-label={t('organisation.mapLabel', { name })} />
      <MapNote tiles={tiles} />
    </div>
  );
}
