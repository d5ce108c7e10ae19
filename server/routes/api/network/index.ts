import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { NetworkSettings } from '../../../db/schema.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { forbidden, Problem } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { audit } from '../../../platform/audit.ts';
import { isPlainAttribution } from '../../../platform/tiles.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { getNetwork, getNetworkForUpdate, updateNetwork } from '../../../repositories/network.ts';
import { NetworkUpdate, NetworkView } from './schema.ts';

/**
 * The network's name and its map settings. The background map is the instance's default
 * (MAP_TILE_URL, OpenStreetMap unless the operator says otherwise) until an instance admin chooses
 * a tile server of their own or none at all; every map draws the districts and markers either way.
 */
export async function networkRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const { config } = app.deps;
  const networkId = app.deps.network.id;
  const tags = ['network'];

  function present(n: { name: string; slug: string; settings: NetworkSettings }) {
    const s = n.settings ?? {};
    const tiles = s.tiles ?? (s.tileUrl ? 'custom' : 'default');
    const tileUrl = tiles === 'none' ? null : tiles === 'custom' ? s.tileUrl! : (config.tileUrl ?? null);
    return {
      name: n.name,
      slug: n.slug,
      settings: {
        tileUrl,
        tileAttribution:
          tileUrl === null ? null : tiles === 'custom' ? (s.tileAttribution ?? '') : config.tileAttribution,
        tiles,
        defaultTileUrl: config.tileUrl ?? null,
        mapCenter: s.mapCenter ?? null,
        mapZoom: s.mapZoom ?? null,
      },
    } as const;
  }

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'The local network: name and map settings',
        response: { 200: NetworkView, ...problems },
      },
    },
    async (req) => {
      if (!networkPolicy.viewSettings(req.actor)) throw forbidden();
      return present(await getNetwork(db, networkId));
    },
  );

  app.patch<{ Body: Static<typeof NetworkUpdate> }>(
    '/',
    {
      schema: {
        tags,
        summary: 'Change the name and map settings (instance admins)',
        body: NetworkUpdate,
        response: { 200: NetworkView, ...problems },
      },
    },
    async (req) => {
      const actorId = requireAccount(req);
      if (!networkPolicy.updateSettings(req.actor)) throw forbidden();
      const b = req.body;
      const name = b.name === undefined ? undefined : requiredText(b.name, '/name');
      if (b.tileAttribution && !isPlainAttribution(b.tileAttribution))
        throw new Problem(422, 'validation', {
          fields: [{ field: '/tileAttribution', code: 'network.attribution_html' }],
        });
      const updated = await executeTx(db, async (tx) => {
        const current = await getNetworkForUpdate(tx, networkId);
        // null clears a setting; an absent field keeps it
        const settings: NetworkSettings = { ...(current.settings ?? {}) };
        for (const key of ['tileUrl', 'tileAttribution', 'mapCenter', 'mapZoom'] as const) {
          const value = b[key];
          if (value === null) delete settings[key];
          else if (value !== undefined) Object.assign(settings, { [key]: value });
        }
        // a tile URL sent on its own chooses it, and forgetting it goes back to the default
        const tiles = b.tiles ?? (b.tileUrl ? 'custom' : b.tileUrl === null ? 'default' : settings.tiles);
        if (tiles) settings.tiles = tiles;
        if (settings.tiles === 'custom' && !settings.tileUrl)
          throw new Problem(422, 'validation', { fields: [{ field: '/tileUrl', code: 'field.required' }] });
        await updateNetwork(tx, networkId, { name, settings });
        await audit(tx, {
          networkId,
          actorId,
          action: 'network.updated',
          entityType: 'network',
          entityId: networkId,
          details: { fields: Object.keys(b) },
          ip: clientIp(req),
        });
        return getNetwork(tx, networkId);
      });
      // the session answer shows the name from the process's copy; keep it current on this server
      app.deps.network.name = updated.name;
      return present(updated);
    },
  );
}
