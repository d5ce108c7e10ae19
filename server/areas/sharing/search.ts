import type { ExchangeCategory, ResourceKind } from '../../db/schema.ts';
import type { Executor } from '../../db/tx.ts';
import { indexDocument, removeDocument } from '../../platform/search.ts';
import { webPaths } from '../../platform/webPaths.ts';
import { findPost } from './repositories/exchange.ts';
import { findResource } from './repositories/resources.ts';

/**
 * Teilen in the network's search. Every write that changes what a resource or a Tauschring post
 * says, or whether it is offered, calls one of these in its transaction, so search shows what the
 * catalogue and the board show: active resources to everyone, open posts to people signed in (posts
 * name people, like the board) until they run out. Migration 20261206_1040_search_everything
 * writes the same entries for the rows that were there before.
 */

/** Words a person might search for that the kind of resource stands for. */
const kindWords: Record<ResourceKind, string> = {
  room: 'Raum',
  equipment: 'Gerät zum Ausleihen',
  vehicle: 'Fahrzeug zum Ausleihen',
  giveaway: 'Zu verschenken',
  skill: 'Hilfe aus der Nachbarschaft',
  service: 'Dienstleistung',
};

const categoryWords: Record<ExchangeCategory, string> = {
  skill: 'Können',
  help: 'Hilfe',
  item: 'Gegenstand',
  lesson: 'Unterricht',
  transport: 'Fahrt',
  other: '',
};

const lines = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

/**
 * A resource's entry: found while active, as help or a service when it is a skill or service, with
 * its organisation's name (a private owner's name is not searchable).
 */
export async function indexResource(db: Executor, networkId: string, id: string): Promise<void> {
  const r = await findResource(db, networkId, id);
  if (!r?.active) {
    await removeDocument(db, networkId, 'resource', id);
    return;
  }
  await indexDocument(db, {
    networkId,
    type: r.kind === 'skill' || r.kind === 'service' ? 'service' : 'resource',
    entityType: 'resource',
    entityId: r.id,
    title: r.title,
    body: lines(r.description, r.accessibility),
    keywords: lines(kindWords[r.kind], r.owner_type === 'organisation' ? r.owner_name : null),
    link: webPaths.resource(r.id),
    organisationId: r.organisation_id,
  });
}

/** A Tauschring post's entry: for people signed in, while it is open and until it runs out. */
export async function indexPost(db: Executor, networkId: string, id: string): Promise<void> {
  const p = await findPost(db, networkId, id);
  if (p?.status !== 'open') {
    await removeDocument(db, networkId, 'exchange_post', id);
    return;
  }
  await indexDocument(db, {
    networkId,
    type: p.kind === 'offer' ? 'exchange_offer' : 'exchange_want',
    entityType: 'exchange_post',
    entityId: p.id,
    title: p.title,
    body: p.description,
    keywords: lines(categoryWords[p.category], p.organisation_name),
    link: webPaths.exchangePost(p.id),
    visibility: 'signed_in',
    organisationId: p.organisation_id,
    expiresAt: p.expires_at,
  });
}
