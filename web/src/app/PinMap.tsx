import 'leaflet.markercluster/dist/MarkerCluster.css';
import L from 'leaflet';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { MapNote, useBaseMap } from './baseMap.tsx';
import { clusterIcon, type Pin, pinMarker } from './mapMarkers.ts';

export type { Pin };

/**
 * Up to a few hundred pins on a Leaflet map, clustered in the browser (for maps whose whole set fits
 * one answer; Teilen clusters on the server instead), on the network's background with its
 * districts. Pages always show the same items as a list.
 */
export default function PinMap({
  pins,
  label,
  clusterLabel,
}: {
  pins: Pin[];
  /** the map region's accessible name */
  label: string;
  /** what a cluster of `count` pins is called, e.g. "3 Angebote an dieser Stelle" */
  clusterLabel: (count: number) => string;
}) {
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  const { map, tiles } = useBaseMap(ref);
  useEffect(() => {
    if (!map) return;
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: (c) => clusterIcon(c.getChildCount(), clusterLabel(c.getChildCount())),
    });
    for (const p of pins) cluster.addLayer(pinMarker(p, navigate));
    map.addLayer(cluster);
    const bounds = cluster.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.25), { maxZoom: 16 });
    return () => {
      map.removeLayer(cluster);
    };
  }, [map, pins, clusterLabel, navigate]);
  return (
    <div className="map-frame">
      <section ref={ref} className="pin-map" aria-label={label} />
      <MapNote tiles={tiles} />
    </div>
  );
}
