/**
 * Unterstützungskreise: a circle around one person, with consent, members, a care calendar, the
 * network map, updates, the team of professionals, and its access log. Nothing of a circle is
 * offered to the other areas.
 */
import type { AreaManifest } from '../manifest.ts';
import { supportActivity } from './activity.ts';
import { circleJobHandlers } from './commands/circleJobs.ts';
import { circleRoutes } from './routes/circles/index.ts';
import { seedCircles } from './seed.ts';
import { supportToday } from './today.ts';

export const supportArea: AreaManifest = {
  id: 'support',
  routes: [{ prefix: '/circles', plugin: circleRoutes }],
  /** unclaimed-need alerts, reminders, weekly series, purges after deletion */
  jobs: circleJobHandlers,
  seed: seedCircles,
  /** help wanted in my circles, what I took on, new posts — never in an assisted session */
  today: supportToday,
  activity: supportActivity,
  transferSources: {
    // named only by marking a need done, which checks the circle's policy; the time bank's own
    // route cannot name one (payableSourceTypes)
    need: async (tx, _actor, networkId, id) => {
      const need = await tx
        .selectFrom('circle_need')
        .select('id')
        .where('network_id', '=', networkId)
        .where('id', '=', id)
        .executeTakeFirst();
      return !!need;
    },
  },
};
