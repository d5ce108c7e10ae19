/**
 * What the events API answers, derived from the server's response schemas
 * (server/areas/places/events/routes/{events,calendar}/schema.ts). Type-only imports: nothing reaches
 * the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  CalendarEntryView,
  CalendarPage as CalendarPageView,
  CommunityOptions as CommunityOptionsView,
  FeedState as FeedStateView,
} from '../../../../../server/areas/places/events/routes/calendar/schema.ts';
import type {
  EventView,
  HostOptions as HostOptionsView,
  MyEvents as MyEventsView,
  RegisterResult as RegisterResultView,
  RegistrationList as RegistrationListView,
} from '../../../../../server/areas/places/events/routes/events/schema.ts';

/** The areas a calendar entry comes from, in the order the product names them. */
export const calendarAreas = ['knowledge', 'participation', 'codesign', 'places'] as const;

export type CalendarEntry = Static<typeof CalendarEntryView>;
export type CalendarPage = Static<typeof CalendarPageView>;
export type CommunityOptions = Static<typeof CommunityOptionsView>;
export type FeedState = Static<typeof FeedStateView>;
export type PlaceEvent = Static<typeof EventView>;
export type HostOptions = Static<typeof HostOptionsView>;
export type MyEventList = Static<typeof MyEventsView>;
export type RegisterResult = Static<typeof RegisterResultView>;
export type RegistrationList = Static<typeof RegistrationListView>;
