import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A small map with one marker (Leaflet, loaded only when a page shows a map). The tile server is the
 * network's own setting; the address next to the map is the equivalent text.
 */
export default function OrganisationMap({
  lat,
  lng,
  name,
  tileUrl,
  attribution,
  zoom,
}: {
  lat: number;
  lng: number;
  name: string;
  tileUrl: string;
  attribution: string;
  zoom: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const map = L.map(ref.current, { scrollWheelZoom: false }).setView([lat, lng], zoom);
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(map);
    L.circleMarker([lat, lng], { radius: 9, color: '#0b5d4b', weight: 3, fillOpacity: 0.6 })
      .bindTooltip(name)
      .addTo(map);
    return () => {
      map.remove();
    };
  }, [lat, lng, name, tileUrl, attribution, zoom]);
  return <section ref={ref} className="map" aria-label={t('organisation.mapLabel', { name })} />;
}
