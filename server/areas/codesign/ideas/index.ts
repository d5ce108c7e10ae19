/** Ideas: ideas and proposals with comments and pro/contra points; merging duplicates. */
import type { AreaPart } from '../../parts.ts';
import { ideasRoutes } from './routes/index.ts';
import { seedIdeas } from './seed.ts';

export { ideaOptions, projectIdeaOptions } from './options.ts';

export const ideasPart: AreaPart = {
  routes: [{ prefix: '/codesign/ideas', plugin: ideasRoutes }],
  seed: seedIdeas,
};
