import L from 'leaflet';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapNote, useBaseMap } from './baseMap.tsx';
import { escapeHtml } from './mapMarkers.ts';

/** How far one arrow key moves the pin, in screen pixels (with Shift: five times as far). */
const stepPx = 12;

/**
 * The place picker's map (loaded with Leaflet when a form shows it): tap or click sets the pin,
 * dragging moves it, and by keyboard the pin moves with the arrow keys once it has focus — or the
 * map is moved with the arrow keys and "use the map centre" puts the pin under the cross in the
 * middle. A pin set from outside (an address found) is brought into view.
 */
export default function PlaceMap({
  lat,
  lng,
  label,
  onPick,
  focusKey,
}: {
  lat: number | null;
  lng: number | null;
  label: string;
  onPick: (lat: number, lng: number) => void;
  /** a new value: the place was chosen elsewhere (an address found) — zoom in on it */
  focusKey: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const { map, tiles } = useBaseMap(ref);
  const markerRef = useRef<L.Marker | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const pick = useCallback(
    (p: L.LatLng) => onPickRef.current(Number(p.lat.toFixed(6)), Number(p.lng.toFixed(6))),
    [],
  );

  // a tap or click on the map sets the pin
  useEffect(() => {
    if (!map) return;
    const onClick = (e: L.LeafletMouseEvent) => pick(e.latlng);
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [map, pick]);

  // the pin, where the value says
  const markerLabel = t('maps.picker.marker');
  useEffect(() => {
    if (!map) return;
    if (lat === null || lng === null) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    // a marker of a map that was replaced (new settings) is gone with it
    let marker = markerRef.current && map.hasLayer(markerRef.current) ? markerRef.current : null;
    if (!marker) {
      marker = L.marker([lat, lng], {
        draggable: true,
        keyboard: true,
        title: markerLabel,
        icon: L.divIcon({
          className: 'place-marker',
          html: `<span class="map-pin chosen"><span aria-hidden="true">●</span></span><span class="visually-hidden">${escapeHtml(markerLabel)}</span>`,
          iconSize: [34, 34],
          iconAnchor: [17, 34],
        }),
      }).addTo(map);
      marker.on('dragend', () => pick(marker!.getLatLng()));
      const m = marker;
      m.getElement()?.addEventListener('keydown', (e) => {
        const d = ({ ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] } as const)[
          e.key as 'ArrowUp'
        ];
        if (!d) return;
        // the pin moves, not the map under it
        e.preventDefault();
        e.stopPropagation();
        const step = e.shiftKey ? stepPx * 5 : stepPx;
        const next = map.containerPointToLatLng(
          map.latLngToContainerPoint(m.getLatLng()).add([d[0] * step, d[1] * step]),
        );
        m.setLatLng(next);
        pick(next);
      });
      markerRef.current = m;
    } else if (!marker.getLatLng().equals([lat, lng])) marker.setLatLng([lat, lng]);
    // bring a pin set from outside into view; one moved on the map already is
    if (!map.getBounds().pad(-0.1).contains([lat, lng])) map.setView([lat, lng], Math.max(map.getZoom(), 16));
  }, [map, lat, lng, markerLabel, pick]);

  // a place chosen by its address or the device's location: close enough to correct it by hand
  const at = useRef({ lat, lng });
  at.current = { lat, lng };
  useEffect(() => {
    const { lat: la, lng: ln } = at.current;
    if (map && focusKey > 0 && la !== null && ln !== null) map.setView([la, ln], 17);
  }, [map, focusKey]);

  return (
    <div className="map-frame place-map">
      <div className="place-map-box">
        <section ref={ref} className="pin-map place-map-area" aria-label={label} />
        <span className="map-crosshair" aria-hidden="true" />
      </div>
      <MapNote tiles={tiles} />
      <p className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={!map}
          onClick={() => map && pick(map.getCenter())}
        >
          {t('maps.picker.useCentre')}
        </button>
      </p>
    </div>
  );
}
