import 'leaflet/dist/leaflet.css';
import './map.css';
import L from 'leaflet';
import { type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DistrictShapes, defaultView, useDistrictShapes, useMapSettings } from './mapData.ts';

/*
 * The ground every map of the app stands on (loaded with Leaflet, only when a page shows a map):
 * the background tiles the network's admin chose — OpenStreetMap by default — and, always, the
 * districts' boundaries on a plain background. When the tiles cannot load (offline, blocked), the
 * districts get their names and the map says so below it; the markers are drawn either way, so a
 * map is never empty. The map and its markers show a focus ring when reached by keyboard.
 */

export type TileState = 'loading' | 'ok' | 'failed' | 'none';

/** The attribution as HTML of text and https links only, whatever the setting holds. */
export function safeAttribution(html: string): string {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  const out = document.createElement('span');
  const walk = (from: Node, to: Node) => {
    for (const n of Array.from(from.childNodes)) {
      if (n.nodeType === Node.TEXT_NODE) to.appendChild(document.createTextNode(n.textContent ?? ''));
      else if (n instanceof HTMLAnchorElement && /^https:\/\//.test(n.getAttribute('href') ?? '')) {
        const a = document.createElement('a');
        a.href = n.getAttribute('href')!;
        a.rel = 'noopener noreferrer';
        a.textContent = n.textContent;
        to.appendChild(a);
      } else walk(n, to);
    }
  };
  walk(doc.body.firstChild ?? doc.body, out);
  return out.innerHTML;
}

/** How long tiles may take before the map says they could not be loaded. */
const tileTimeoutMs = 10_000;

/**
 * A Leaflet map in `ref` with the network's background and its districts, created once the
 * settings are known and removed with the component. Zooming with the wheel stays off so the page
 * scrolls. `map` is null until it exists; `tiles` says whether the background loaded.
 */
export function useBaseMap(ref: RefObject<HTMLElement | null>): { map: L.Map | null; tiles: TileState } {
  const settings = useMapSettings();
  const shapes = useDistrictShapes();
  const [map, setMap] = useState<L.Map | null>(null);
  const [tiles, setTiles] = useState<TileState>('loading');
  const s = settings.data?.settings;
  const ready = !settings.isPending;
  const tileUrl = s?.tileUrl ?? null;
  const attribution = s?.tileAttribution ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first view only; pages move the map afterwards
  useEffect(() => {
    const el = ref.current;
    if (!el || !ready) return;
    const m = L.map(el, { scrollWheelZoom: false, keyboard: true, zoomSnap: 1 });
    el.classList.add('kp-map');
    // the districts' names lie under the markers (tooltips would cover them)
    const labels = m.createPane('districtLabels');
    labels.style.zIndex = '450';
    labels.style.pointerEvents = 'none';
    const view = defaultView(s, shapes.data);
    m.setView(view.center, view.zoom);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (tileUrl) {
      setTiles('loading');
      let loaded = false;
      const layer = L.tileLayer(tileUrl, {
        attribution: safeAttribution(attribution),
        maxZoom: 19,
        // tile servers (OpenStreetMap's among them) ask to know which site uses them: the origin only
        referrerPolicy: 'strict-origin-when-cross-origin',
      });
      layer.on('tileload', () => {
        loaded = true;
        setTiles('ok');
      });
      layer.on('tileerror', () => {
        if (!loaded) setTiles('failed');
      });
      layer.addTo(m);
      timer = setTimeout(() => {
        if (!loaded) setTiles('failed');
      }, tileTimeoutMs);
    } else setTiles('none');
    setMap(m);
    return () => {
      clearTimeout(timer);
      setMap(null);
      m.remove();
      el.classList.remove('kp-map');
    };
  }, [ref, ready, tileUrl, attribution]);

  // the districts, under everything else; named when there is no background to read them from
  const named = tiles === 'failed' || tiles === 'none';
  useEffect(() => {
    if (!map || !shapes.data) return;
    const layer = districtLayer(shapes.data, named).addTo(map);
    layer.bringToBack();
    return () => {
      layer.remove();
    };
  }, [map, shapes.data, named]);

  return { map, tiles };
}

function districtLayer(shapes: DistrictShapes, named: boolean): L.GeoJSON {
  return L.geoJSON(shapes as unknown as GeoJSON.FeatureCollection, {
    interactive: false,
    style: () => ({ color: '#0b5d4b', weight: 2, opacity: 0.8, fillColor: '#0b5d4b', fillOpacity: 0.06 }),
    onEachFeature: (feature, layer) => {
      if (named)
        layer.bindTooltip(String(feature.properties?.name ?? ''), {
          permanent: true,
          direction: 'center',
          className: 'district-label',
          pane: 'districtLabels',
        });
    },
  });
}

/** Below a map: that its background could not load (the districts and markers are still there). */
export function MapNote({ tiles }: { tiles: TileState }) {
  const { t } = useTranslation();
  if (tiles !== 'failed') return null;
  return (
    <p className="map-note" role="status">
      {t('maps.tilesFailed')}
    </p>
  );
}
