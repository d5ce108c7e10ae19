import { type CsvStyle, csvLine } from '../../../http/csv.ts';
import type { NodeView, TieView } from './snapshot.ts';

/**
 * The anonymised graph as files: organisations and communities with their measures, and the ties
 * between them. No person is in it, by construction: a view holds no person (snapshot.ts).
 */

const style: CsvStyle = { separator: ';', quote: 'needed' };
const round = (x: number | null) => (x === null ? '' : Math.round(x * 1e6) / 1e6);

export function nodesCsv(nodes: NodeView[], districtName: (id: string | null) => string): string[] {
  return [
    csvLine(style, [
      'name',
      'type',
      'sector',
      'district',
      'degree',
      'strength',
      'betweenness',
      'constraint',
      'effective_size',
      'coordinator',
      'itinerant',
      'gatekeeper',
      'representative',
      'liaison',
      'cut_vertex',
      'community',
    ]),
    ...nodes.map((n) =>
      csvLine(style, [
        n.name,
        n.type,
        n.sector ?? '',
        districtName(n.districtId),
        n.degree,
        round(n.strength),
        round(n.betweenness),
        round(n.constraint),
        round(n.effectiveSize),
        n.brokerage.coordinator,
        n.brokerage.itinerant,
        n.brokerage.gatekeeper,
        n.brokerage.representative,
        n.brokerage.liaison,
        n.cutVertex ? 1 : 0,
        n.community,
      ]),
    ),
  ];
}

export function tiesCsv(nodes: NodeView[], ties: TieView[]): string[] {
  return [
    csvLine(style, ['source', 'target', 'weight', 'bridge']),
    ...ties.map(([a, b, w, bridge]) => csvLine(style, [nodes[a]!.name, nodes[b]!.name, round(w), bridge])),
  ];
}

const xml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** GraphML (graphml.graphdrawing.org), readable by Gephi, yEd, igraph and networkx. */
export function graphml(
  nodes: NodeView[],
  ties: TieView[],
  districtName: (id: string | null) => string,
): string {
  const keys: [string, 'node' | 'edge', 'string' | 'double' | 'int' | 'boolean'][] = [
    ['name', 'node', 'string'],
    ['type', 'node', 'string'],
    ['sector', 'node', 'string'],
    ['district', 'node', 'string'],
    ['degree', 'node', 'int'],
    ['strength', 'node', 'double'],
    ['betweenness', 'node', 'double'],
    ['constraint', 'node', 'double'],
    ['effective_size', 'node', 'double'],
    ['cut_vertex', 'node', 'boolean'],
    ['community', 'node', 'int'],
    ['weight', 'edge', 'double'],
    ['bridge', 'edge', 'boolean'],
  ];
  const data = (k: string, v: string | number | boolean | null) =>
    v === null || v === '' ? '' : `<data key="${k}">${xml(String(v))}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, on, type]) => `  <key id="${id}" for="${on}" attr.name="${id}" attr.type="${type}"/>`),
    '  <graph id="network" edgedefault="undirected">',
    ...nodes.map(
      (n, i) =>
        `    <node id="n${i}">${data('name', n.name)}${data('type', n.type)}${data('sector', n.sector)}${data(
          'district',
          districtName(n.districtId),
        )}${data('degree', n.degree)}${data('strength', round(n.strength))}${data('betweenness', round(n.betweenness))}${data(
          'constraint',
          round(n.constraint),
        )}${data('effective_size', round(n.effectiveSize))}${data('cut_vertex', n.cutVertex)}${data('community', n.community)}</node>`,
    ),
    ...ties.map(
      ([a, b, w, bridge], i) =>
        `    <edge id="e${i}" source="n${a}" target="n${b}">${data('weight', round(w))}${data('bridge', bridge === 1)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}
