import type { Messages } from '../app/i18n.ts';
import { messages as codesign } from './codesign/area.ts';
import { messages as knowledge } from './knowledge/area.ts';
import { messages as participation } from './participation/area.ts';
import { messages as places } from './places/area.ts';
import { messages as sharing } from './sharing/area.ts';
import { messages as support } from './support/area.ts';
import { messages as timebank } from './timebank/area.ts';

/**
 * Every area's texts: each area keeps its own de/en files (and an optional ls.json with the keys that
 * have a Leichte Sprache version); the catalogue (app/i18n.ts) joins them here.
 */
export const areaMessages: Messages[] = [
  sharing,
  timebank,
  participation,
  support,
  ...places,
  ...knowledge,
  ...codesign,
];
