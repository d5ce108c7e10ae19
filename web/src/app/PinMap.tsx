import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './map.css';
import L from 'leaflet';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { clusterIcon, type Pin, pinMarker, tiledMap } from './mapMarkers.ts';

export type { Pin };

/**
 * Up to a few hundred pins on a Leaflet map, clustered in the browser (for maps whose whole set fits
 * one answer; Teilen clusters on the server instead). Pages always show the same items as a list.
 */
export default function PinMap({
  pins,
  tileUrl,
  attribution,
  center,
  zoom,
  label,
  clusterLabel,
}: {
  pins: Pin[];
  tileUrl: string;
  attribution: string;
  center: [number, number] | null;
  zoom: number;
  /** the map region's accessible name */
  label: string;
  /** what a cluster of `count` pins is called, e.g. "3 Angebote an dieser Stelle" */
  clusterLabel: (count: number) => string;
}) {
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const map = tiledMap(ref.current, tileUrl, attribution);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: (c) => clusterIcon(c.getChildCount(), clusterLabel(c.getChildCount())),
    });
    for (const p of pins) cluster.addLayer(pinMarker(p, navigate));
    map.addLayer(cluster);
    const bounds = cluster.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.25), { maxZoom: 16 });
    else map.setView(center ?? [51.3, 9.48], zoom);
    return () => {
      map.remove();
    };
  }, [pins, tileUrl, attribution, center, zoom, clusterLabel, navigate]);
  return <section ref={ref} className="pin-map" aria-label={label} />;
}
