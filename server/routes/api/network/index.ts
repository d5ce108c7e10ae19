import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { NetworkSettings } from '../../../db/schema.ts';
import { executeTx } from '../../../db/tx.ts';
import { clientIp, requireAccount } from '../../../http/context.ts';
import { forbidden } from '../../../http/problem.ts';
import { problems } from '../../../http/schemas.ts';
import { requiredText } from '../../../http/validation.ts';
import { audit } from '../../../platform/audit.ts';
import { networkPolicy } from '../../../policies/network.ts';
import { getNetwork, getNetworkForUpdate, updateNetwork } from '../../../repositories/network.ts';
import { NetworkUpdate, NetworkView } from './schema.ts';

function present(n: { name: string; slug: string; settings: NetworkSettings }) {
  const s = n.settings ?? {};
  return {
    name: n.name,
    slug: n.slug,
    settings: {
      tileUrl: s.tileUrl ?? null,
      tileAttribution: s.tileAttribution ?? null,
      mapCenter: s.mapCenter ?? null,
      mapZoom: s.mapZoom ?? null,
    },
  };
}

/** The network's name and its map settings (tile server and attribution are chosen by the admin). */
export async function networkRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['network'];

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
      const updated = await executeTx(db, async (tx) => {
        const current = await getNetworkForUpdate(tx, networkId);
        // null clears a setting; an absent field keeps it
        const settings: NetworkSettings = { ...(current.settings ?? {}) };
        for (const key of ['tileUrl', 'tileAttribution', 'mapCenter', 'mapZoom'] as const) {
          const value = b[key];
          if (value === null) delete settings[key];
          else if (value !== undefined) Object.assign(settings, { [key]: value });
        }
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
