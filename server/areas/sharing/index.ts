/**
 * Teilen: the catalogue of rooms, equipment, vehicles, give-aways, skills and services, bookings that
 * never overlap, calendar feeds, the map, and the offers-and-wants board (Tauschring).
 */
import type { AreaManifest } from '../manifest.ts';
import { sharingActivity } from './activity.ts';
import { remindExpiringPosts, reminderJob } from './commands/remindExpiringPosts.ts';
import { bookingPolicy, bookingRef } from './policies/booking.ts';
import { exchangePolicy } from './policies/exchange.ts';
import { findBooking } from './repositories/bookings.ts';
import { findPost } from './repositories/exchange.ts';
import { bookingRoutes } from './routes/bookings/index.ts';
import { exchangeRoutes } from './routes/exchange/index.ts';
import { resourceRoutes } from './routes/resources/index.ts';
import { seedSharing } from './seed.ts';
import { sharingToday } from './today.ts';

/** What other areas may use: a booking and who may see it, a resource, and requesting a booking (Mitgestalten's commitments). */
export { bookResource } from './commands/bookResource.ts';
export { bookingPolicy, bookingRef } from './policies/booking.ts';
export { ownsResource, resourcePolicy } from './policies/resource.ts';
export { findBooking } from './repositories/bookings.ts';
export { findResource } from './repositories/resources.ts';

export const sharingArea: AreaManifest = {
  id: 'sharing',
  routes: [
    { prefix: '/resources', plugin: resourceRoutes },
    { prefix: '/bookings', plugin: bookingRoutes },
    { prefix: '/exchange', plugin: exchangeRoutes },
  ],
  jobs: () => ({
    /** remind authors of offers and wants that expire soon */
    [reminderJob]: async (db, { networkId }) => {
      await remindExpiringPosts(db, networkId);
    },
  }),
  seed: seedSharing,
  /** requests to decide, my bookings, answers and my posts in the Tauschring; matching offers */
  today: sharingToday,
  activity: sharingActivity,
  transferSources: {
    /** a booking: its requester's and its owner's side */
    booking: async (tx, actor, networkId, id) => {
      const booking = await findBooking(tx, networkId, id);
      return !!booking && bookingPolicy.view(actor, bookingRef(booking));
    },
    /** an offer or want of the Tauschring */
    offer: async (tx, actor, networkId, id) => {
      const post = await findPost(tx, networkId, id);
      return !!post && exchangePolicy.view(actor, post);
    },
  },
};
