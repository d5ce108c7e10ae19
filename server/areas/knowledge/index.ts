/**
 * Wissen: the local knowledge and communication network — a wiki, news, discussions, the
 * neighbourhood knowledge map, dossiers that carry what the town knows to its political bodies and
 * bring their answers back, kept fresh and followed by digest. Each part lives in a folder of its
 * own (part.ts says what a part brings); this manifest joins them.
 */
import type { ActivityFigure, AreaManifest } from '../manifest.ts';
import { digestsPart } from './digests/index.ts';
import { discussionsPart } from './discussions/index.ts';
import { dossiersPart } from './dossiers/index.ts';
import { freshnessPart } from './freshness/index.ts';
import { newsPart } from './news/index.ts';
import type { KnowledgePart } from './part.ts';
import { reportsPart } from './reports/index.ts';
import { wikiPart } from './wiki/index.ts';

/** The parts, in the order their demo town is built (dossiers bundle what the others made). */
const parts: readonly KnowledgePart[] = [
  wikiPart,
  newsPart,
  discussionsPart,
  reportsPart,
  freshnessPart,
  dossiersPart,
  digestsPart,
];

export const knowledgeArea: AreaManifest = {
  id: 'knowledge',
  routes: parts.flatMap((p) => p.routes),
  jobs: (config) => Object.assign({}, ...parts.map((p) => p.jobs?.(config) ?? {})),
  recurring: (config) => Object.assign({}, ...parts.map((p) => p.recurring?.(config) ?? {})),
  async seed(tx, c) {
    const made: Record<string, unknown> = {};
    for (const p of parts) if (p.seed) Object.assign(made, await p.seed(tx, c));
    return made;
  },
  today: {
    async sections(tx, actor, ctx) {
      const out = [];
      for (const p of parts) if (p.today) out.push(...(await p.today(tx, actor, ctx)));
      return out;
    },
    async suggestions(tx, actor, ctx) {
      const out = [];
      for (const p of parts) if (p.suggestions) out.push(...(await p.suggestions(tx, actor, ctx)));
      return out;
    },
  },
  async activity(db, networkId, month) {
    const out: ActivityFigure[] = [];
    for (const p of parts) if (p.activity) out.push(...(await p.activity(db, networkId, month)));
    return out;
  },
};
