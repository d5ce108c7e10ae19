/** Projects: co-design projects, their organisations, phases, tools, participants and timeline. */
import type { AreaPart } from '../../parts.ts';

export const projectsPart: AreaPart = {
  routes: [],
};
