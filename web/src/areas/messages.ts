import { messages as participation } from './participation/area.ts';
import { messages as places } from './places/area.ts';
import { messages as sharing } from './sharing/area.ts';
import { messages as support } from './support/area.ts';
import { messages as timebank } from './timebank/area.ts';

/** Every area's texts: each area keeps its own de/en files; the catalogue (app/i18n.ts) joins them here. */
export const areaMessages = [sharing, timebank, participation, support, places];
