import type { LazyMessages } from '../../app/i18n.ts';
import { messages as analytics } from './analytics/area.ts';
import { messages as bridges } from './bridges/area.ts';
import { messages as communities } from './communities/area.ts';
import { messages as events } from './events/area.ts';
import { messages as home } from './home/area.ts';
import { messages as interactions } from './interactions/area.ts';

/** Räume & Brücken: the texts of its parts, each under a key of its own, merged into the client's catalogue (areas/messages.ts). */
export const messages: LazyMessages[] = [home, interactions, communities, events, analytics, bridges];
