import { useQuery } from '@tanstack/react-query';
import { UndirectedGraph } from 'graphology';
// a CommonJS module: its function is the namespace's default, under TypeScript and Vite alike
import * as fa2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Sigma from 'sigma';

type Layout = {
  assign(graph: UndirectedGraph, params: { iterations: number; settings: fa2.ForceAtlas2Settings }): void;
};
const forceAtlas2 = (fa2 as unknown as { default: Layout }).default;

import { api } from '../../../app/api.ts';
import { Loading } from '../../../app/ui.tsx';
import { analyticsKeys } from './queries.ts';
import type { Network, NetworkTies, Period, ViewArea } from './types.ts';

/**
 * The organisation graph drawn with sigma.js (WebGL) on a graphology graph, laid out in the browser
 * by ForceAtlas2 from a circle (the same picture for the same snapshot). Loaded only when shown, so
 * the page's own code stays small. Colours come from `colourOf`; the legend beside the picture says
 * what they mean, and the table below has everything the picture shows. The ties come with the
 * picture, not with the page: a backbone of the strongest ones (the server's drawing.ts).
 */
export function GraphView({
  network,
  period,
  area,
  colourOf,
}: {
  network: Network;
  period: Period;
  area: ViewArea;
  colourOf: (i: number) => string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const query = useQuery({
    queryKey: analyticsKeys.ties(period, area, network.snapshot?.computedAt ?? null),
    queryFn: () => api<NetworkTies>('/places/analytics/network/ties', { query: { period, area } }),
  });
  const ties = query.data?.ties;

  useEffect(() => {
    const el = box.current;
    if (!el || network.nodes.length === 0 || !ties) return;
    const g = new UndirectedGraph();
    const n = network.nodes.length;
    const maxStrength = Math.max(1, ...network.nodes.map((x) => x.strength));
    network.nodes.forEach((node, i) => {
      g.addNode(String(i), {
        label: node.name,
        x: Math.cos((2 * Math.PI * i) / n),
        y: Math.sin((2 * Math.PI * i) / n),
        size: 4 + 10 * Math.sqrt(node.strength / maxStrength),
        color: colourOf(i),
      });
    });
    const maxWeight = Math.max(1, ...ties.map((tie) => tie[2] ?? 0));
    for (const [a, b, w, bridge] of ties)
      g.addEdge(String(a), String(b), {
        size: 0.5 + 3 * ((w ?? 0) / maxWeight),
        color: bridge ? '#b3261e' : '#9aa0a6',
      });
    forceAtlas2.assign(g, { iterations: 200, settings: fa2.inferSettings(g) });
    let renderer: Sigma | undefined;
    try {
      renderer = new Sigma(g, el);
      // sizes in screen pixels: sigma 4 reads them in the layout's units otherwise, and the nodes swell
      renderer.setSettings({ labelRenderedSizeThreshold: 6, itemSizesReference: 'screen' });
      setFailed(false);
    } catch {
      setFailed(true);
    }
    return () => renderer?.kill();
  }, [network, ties, colourOf]);

  if (query.isError) return <p className="state state-error">{t('placesAnalytics.view.tiesFailed')}</p>;
  if (!query.data) return <Loading />;
  if (failed) return <p className="state state-empty">{t('placesAnalytics.view.noWebgl')}</p>;
  const { total } = query.data;
  return (
    <>
      <div ref={box} className="network-graph" role="img" aria-label={t('placesAnalytics.view.graphLabel')} />
      {total > query.data.ties.length && (
        <p className="hint">{t('placesAnalytics.view.backbone', { drawn: query.data.ties.length, total })}</p>
      )}
    </>
  );
}
