/** The shapes of the Teilen API (server/routes/api/{resources,bookings,timebank,exchange}), as the client reads them. */

export const resourceKinds = ['room', 'equipment', 'vehicle', 'giveaway', 'skill', 'service'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export interface Photo {
  id: string;
  alt: string;
  width: number;
  height: number;
  url: string;
  thumbUrl: string;
}

export interface Resource {
  id: string;
  kind: ResourceKind;
  owner: { type: 'organisation' | 'person'; id: string; name: string };
  title: string;
  description: string;
  districtId: string | null;
  lat: number | null;
  lng: number | null;
  approximate: boolean;
  conditions: {
    whoMayBorrow: 'members' | 'everyone';
    depositCents: number;
    feeCents: number;
    free: boolean;
    feeNote: string;
    rules: string;
  };
  accessibility: string;
  capacity: number | null;
  autoApprove: boolean;
  bufferMinutes: number;
  active: boolean;
  distanceKm?: number;
  photos?: Photo[];
  abilities: {
    update: boolean;
    delete: boolean;
    manageAvailability: boolean;
    manageFeed: boolean;
    book: boolean;
  };
}

export interface AvailabilityRule {
  id?: string;
  weekday: number;
  start: string;
  end: string;
}

export interface Availability {
  timeZone: string;
  rules: (AvailabilityRule & { id: string })[];
  blocked: { id: string; start: string; end: string; reason: string }[];
}

export const bookingStatuses = [
  'requested',
  'approved',
  'declined',
  'cancelled',
  'handed_over',
  'returned',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export interface Booking {
  id: string;
  resource: { id: string; title: string; kind: ResourceKind };
  requester: { id: string; name: string };
  organisationId: string | null;
  seriesId: string | null;
  start: string;
  end: string;
  status: BookingStatus;
  note: string;
  decisionNote: string;
  handoverNote: string;
  returnNote: string;
  createdAt: string;
  abilities: { approve: boolean; decline: boolean; handOver: boolean; return: boolean; cancel: boolean };
}

export interface RefusedOccurrence {
  start: string;
  end: string;
  status: number;
  code: string;
  message: string;
}

export interface BookingCreated {
  created: Booking[];
  refused: RefusedOccurrence[];
}

export interface Utilisation {
  items: {
    resourceId: string;
    title: string;
    kind: ResourceKind;
    bookedHours: number;
    availableHours: number;
    utilisation: number;
    idle: boolean;
  }[];
  bookedHours: number;
  availableHours: number;
}

export const postCategories = ['skill', 'help', 'item', 'lesson', 'transport', 'other'] as const;
export type PostCategory = (typeof postCategories)[number];

export interface Post {
  id: string;
  kind: 'offer' | 'want';
  category: PostCategory;
  title: string;
  description: string;
  author: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  districtId: string | null;
  timeCreditMinutes: number | null;
  status: 'open' | 'closed';
  expiresAt: string;
  createdAt: string;
  score?: number;
  abilities: { update: boolean; renew: boolean; close: boolean; answer: boolean };
}

export interface Message {
  id: string;
  from: { id: string; name: string };
  toId: string;
  body: string;
  createdAt: string;
}

/** What the map shows: its bounding box (minLng,minLat,maxLng,maxLat) and zoom level. */
export interface MapView {
  bbox: string;
  zoom: number;
}

/** One cell of GET /resources/clusters: several resources, or exactly one, named. */
export interface MapCell {
  lat: number;
  lng: number;
  count: number;
  resource: { id: string; title: string; kind: ResourceKind; approximate: boolean } | null;
}
