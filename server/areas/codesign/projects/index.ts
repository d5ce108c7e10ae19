/** Projects: co-design projects, their organisations, phases, tools, participants and timeline. */
import type { AreaPart } from '../../parts.ts';
import { projectsActivity } from './activity.ts';
import { projectRoutes } from './routes/index.ts';
import { seedProjects } from './seed.ts';
import { projectsToday } from './today.ts';

export const projectsPart: AreaPart = {
  routes: [{ prefix: '/codesign', plugin: projectRoutes }],
  seed: seedProjects,
  today: projectsToday,
  activity: projectsActivity,
};
