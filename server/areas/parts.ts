import type { TodaySource } from '../platform/today.ts';
import type { ActivityFigure, AreaId, AreaManifest } from './manifest.ts';

/**
 * A large area is cut once more, by what people do in it (CONTRIBUTING "A large area in parts"):
 * one folder per part, each with the layers of an area. A part brings what an area's manifest
 * brings, except the time bank's sources (an area pays as a whole); `suggestions` are its
 * suggestions for someone nothing needs.
 */
export interface AreaPart {
  routes: AreaManifest['routes'];
  jobs?: AreaManifest['jobs'];
  /** work that comes back on its own (see AreaManifest.recurring) */
  recurring?: AreaManifest['recurring'];
  /** its part of the demo town; the parts run in the order given, so a later part finds the earlier ones' things */
  seed?: AreaManifest['seed'];
  /** its sections of the personal home */
  today?: TodaySource;
  /** its suggestions when nothing needs the person */
  suggestions?: TodaySource;
  /** its figures for the front page */
  activity?: AreaManifest['activity'];
  /** its gatherings in the one calendar across all areas */
  calendar?: AreaManifest['calendar'];
}

/** The manifest of an area made of parts: everything the parts bring, in their order. */
export function joinParts(id: AreaId, parts: readonly AreaPart[]): AreaManifest {
  return {
    id,
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
    calendar: parts.flatMap((p) => p.calendar ?? []),
  };
}
