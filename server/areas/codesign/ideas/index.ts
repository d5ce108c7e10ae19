/** Ideas: ideas and proposals with comments and pro/contra points; merging duplicates. */
import type { AreaPart } from '../../parts.ts';

export const ideasPart: AreaPart = {
  routes: [],
};
