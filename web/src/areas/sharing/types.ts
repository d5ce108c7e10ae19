/**
 * The shapes of the Teilen API (server/areas/sharing/routes/{resources,bookings,exchange}), derived
 * from the server's response schemas. Type-only imports: nothing reaches the bundle. The lists below
 * stay values (the pages loop over them); the schemas build their unions from the database's copies
 * with `.map`, which Static types as `never`, so those fields are given the list's type (Fixed).
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  BookingCreated as BookingCreatedView,
  BookingView,
} from '../../../../server/areas/sharing/routes/bookings/schema.ts';
import type { MessageView, PostView } from '../../../../server/areas/sharing/routes/exchange/schema.ts';
import type {
  AvailabilityView,
  FreeSlotView,
  PhotoView,
  ResourceClusters,
  ResourceView,
  UtilisationView,
} from '../../../../server/areas/sharing/routes/resources/schema.ts';

export const resourceKinds = ['room', 'equipment', 'vehicle', 'giveaway', 'skill', 'service'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export type Photo = Static<typeof PhotoView>;

export type Resource = Static<typeof ResourceView>;

/** A weekly rule as the editor holds it (a new one has no id yet): client state. */
export interface AvailabilityRule {
  id?: string;
  weekday: number;
  start: string;
  end: string;
}

export type Availability = Static<typeof AvailabilityView>;

/** GET /resources/{id}/free-slot: the first free time the booking form offers. */
export type FreeSlot = Static<typeof FreeSlotView>;

export const bookingStatuses = [
  'requested',
  'approved',
  'declined',
  'cancelled',
  'handed_over',
  'returned',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export type Booking = Static<typeof BookingView>;

export type RefusedOccurrence = Static<typeof BookingCreatedView>['refused'][number];

export interface BookingCreated {
  created: Booking[];
  refused: RefusedOccurrence[];
}

export type Utilisation = Static<typeof UtilisationView>;

export const postCategories = ['skill', 'help', 'item', 'lesson', 'transport', 'other'] as const;
export type PostCategory = (typeof postCategories)[number];

export type Post = Static<typeof PostView>;

export type Message = Static<typeof MessageView>;

/** What the map shows: its bounding box (minLng,minLat,maxLng,maxLat) and zoom level. Client state. */
export interface MapView {
  bbox: string;
  zoom: number;
}

export type MapCell = Static<typeof ResourceClusters>['cells'][number];
