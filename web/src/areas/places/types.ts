/** The six areas of the network (server: db/schema.ts `areas`), in the order the product names them. */
export const areas = ['knowledge', 'participation', 'codesign', 'sharing', 'support', 'places'] as const;
export type Area = (typeof areas)[number];

export interface Interaction {
  id: string;
  area: Area;
  kind: string;
  mode: 'online' | 'offline';
  with: { type: 'person' | 'organisation'; id: string; name: string };
  occurredAt: string;
  status: 'pending' | 'confirmed';
  loggedBy: 'me' | 'them' | null;
  abilities: { confirm: boolean; remove: boolean };
}

/** Every query of the page starts with this key: a change refreshes them all. */
export const interactionsKey = ['interactions'] as const;
