import type { LazyMessages } from '../../app/i18n.ts';
import { messages as accountability } from './accountability/area.ts';
import { messages as commitments } from './commitments/area.ts';
import { messages as consensus } from './consensus/area.ts';
import { messages as ideas } from './ideas/area.ts';
import { messages as offline } from './offline/area.ts';
import { messages as projects } from './projects/area.ts';
import { messages as surveys } from './surveys/area.ts';
import { messages as votes } from './votes/area.ts';

/** Mitgestalten: the texts of its parts, each under a key of its own, merged into the client's catalogue (areas/messages.ts). */
export const messages: LazyMessages[] = [
  projects,
  ideas,
  consensus,
  votes,
  surveys,
  offline,
  commitments,
  accountability,
];
