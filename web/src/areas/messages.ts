import type { LazyMessages } from '../app/i18n.ts';
import { messages as codesign } from './codesign/area.ts';
import { messages as knowledge } from './knowledge/area.ts';
import { messages as participation } from './participation/area.ts';
import { messages as places } from './places/area.ts';
import { messages as sharing } from './sharing/area.ts';
import { messages as support } from './support/area.ts';
import { messages as timebank } from './timebank/area.ts';

/**
 * Every area's texts: each area keeps its own de/en files (and an optional ls.json with the keys that
 * have a Leichte Sprache version). None is in the start bundle: the catalogue (app/i18n.ts) fetches an
 * area's texts — German and the language shown — when a page that needs them is opened
 * (`loadAreaTexts`, called by the routes' loaders in areas/index.ts and app/router.tsx).
 */
export const areaMessages = {
  sharing: [sharing],
  timebank: [timebank],
  participation: [participation],
  support: [support],
  places,
  knowledge,
  codesign,
} satisfies Record<string, LazyMessages[]>;

export type AreaName = keyof typeof areaMessages;

export const areaNames = Object.keys(areaMessages) as AreaName[];
