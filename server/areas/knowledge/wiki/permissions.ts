import { randomBytes } from 'node:crypto';
import { blankPng } from '../../../../test/helpers/images.ts';
import {
  type Case,
  coordinatorsOfA,
  everyone,
  membersOfA,
  next,
  nobodyElse,
  staffAnywhere,
  type Town,
} from '../../../../test/integration/access/cases.ts';

/** A new page of organisation A's wiki (or the network's), written by A's coordinator. */
async function newPage(
  town: Town,
  opts: { network?: boolean; visibility?: 'public' | 'signed_in' | 'members'; revisions?: number } = {},
): Promise<string> {
  const res = await town.call('coordinatorA', {
    method: 'POST',
    url: '/wiki/pages',
    payload: {
      title: `Wegweiser ${next()}`,
      body: 'Rat und Hilfe im Stadtteil.',
      organisationId: opts.network ? null : town.orgA.id,
      visibility: opts.visibility ?? 'public',
    },
  });
  if (res.statusCode !== 201) throw new Error(`wiki page: ${res.statusCode} ${res.body}`);
  const page = res.json() as { id: string; title: string };
  for (let r = 1; r < (opts.revisions ?? 1); r++) {
    const saved = await town.call('coordinatorA', {
      method: 'PUT',
      url: `/wiki/pages/${page.id}`,
      payload: { title: page.title, body: `Fassung ${r + 1}`, baseRevision: r },
    });
    if (saved.statusCode !== 200) throw new Error(`wiki save: ${saved.statusCode} ${saved.body}`);
  }
  return page.id;
}

async function archivedPage(town: Town) {
  const id = await newPage(town);
  await town.call('coordinatorA', { method: 'POST', url: `/wiki/pages/${id}/archive` });
  return id;
}

function upload(description: string) {
  const boundary = `----kp${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n`,
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plan.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    blankPng(20, 20),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function withAttachment(town: Town, visibility: 'public' | 'members' = 'public') {
  const id = await newPage(town, { visibility });
  const res = await town.call('coordinatorA', {
    method: 'POST',
    url: `/wiki/pages/${id}/attachments`,
    ...upload('Lageplan'),
  });
  if (res.statusCode !== 201) throw new Error(`wiki attachment: ${res.statusCode} ${res.body}`);
  return { id, attachmentId: (res.json() as { id: string }).id };
}

/** The body of a save on top of the page's current revision. */
async function saveOnTop(town: Town, id: string) {
  const current = (await town.call('coordinatorA', { url: `/wiki/pages/${id}` })).json();
  return {
    url: `/wiki/pages/${id}`,
    payload: {
      title: current.title,
      body: `${current.body}\n- ${next()}`,
      baseRevision: current.currentRevision,
    },
  };
}

/**
 * Wiki: its section of the access table (joined in ../permissions.ts). The network's wiki is written
 * by staff and admins of any organisation and the instance admins; an organisation's by its own staff
 * and admins. Members-only and archived pages do not exist for those who may not see them.
 */
export const wikiPermissions: Record<string, Case | Case[]> = {
  'GET /wiki/pages': { allowed: everyone, request: () => ({ url: '/wiki/pages?stale=true&q=Wegweiser' }) },
  'POST /wiki/pages': [
    {
      when: "the network's wiki",
      allowed: [...staffAnywhere, 'instanceAdmin'],
      request: () => ({ url: '/wiki/pages', payload: { title: `Netzwerkseite ${next()}`, body: 'Text' } }),
    },
    {
      when: "organisation A's wiki",
      allowed: coordinatorsOfA,
      request: (town) => ({
        url: '/wiki/pages',
        payload: { title: `Seite von A ${next()}`, body: 'Text', organisationId: town.orgA.id },
      }),
    },
  ],
  'GET /wiki/pages/{id}': [
    {
      when: 'public',
      allowed: everyone,
      request: async (town) => ({ url: `/wiki/pages/${await newPage(town)}` }),
    },
    {
      when: "A's members only",
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/wiki/pages/${await newPage(town, { visibility: 'members' })}` }),
    },
    {
      when: 'archived',
      allowed: coordinatorsOfA,
      seenBy: nobodyElse,
      request: async (town) => ({ url: `/wiki/pages/${await archivedPage(town)}` }),
    },
  ],
  'PUT /wiki/pages/{id}': [
    {
      when: "A's page",
      allowed: coordinatorsOfA,
      request: async (town) => saveOnTop(town, await newPage(town)),
    },
    {
      when: "A's members-only page",
      allowed: coordinatorsOfA,
      seenBy: membersOfA,
      request: async (town) => saveOnTop(town, await newPage(town, { visibility: 'members' })),
    },
    {
      when: "a page of the network's wiki",
      allowed: [...staffAnywhere, 'instanceAdmin'],
      request: async (town) => saveOnTop(town, await newPage(town, { network: true })),
    },
  ],
  'PATCH /wiki/pages/{id}/settings': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/wiki/pages/${await newPage(town)}/settings`,
      payload: { reviewIntervalDays: 30 },
    }),
  },
  'POST /wiki/pages/{id}/archive': {
    allowed: coordinatorsOfA,
    request: async (town) => ({ url: `/wiki/pages/${await newPage(town)}/archive` }),
  },
  'POST /wiki/pages/{id}/unarchive': {
    allowed: coordinatorsOfA,
    seenBy: nobodyElse,
    request: async (town) => ({ url: `/wiki/pages/${await archivedPage(town)}/unarchive` }),
  },
  'GET /wiki/pages/{id}/revisions': {
    allowed: everyone,
    request: async (town) => ({ url: `/wiki/pages/${await newPage(town, { revisions: 2 })}/revisions` }),
  },
  'GET /wiki/pages/{id}/revisions/{revision}': [
    {
      when: 'public',
      allowed: everyone,
      request: async (town) => ({ url: `/wiki/pages/${await newPage(town, { revisions: 2 })}/revisions/1` }),
    },
    {
      when: "A's members only",
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => ({
        url: `/wiki/pages/${await newPage(town, { visibility: 'members', revisions: 2 })}/revisions/1`,
      }),
    },
  ],
  'GET /wiki/pages/{id}/diff': {
    allowed: everyone,
    request: async (town) => ({
      url: `/wiki/pages/${await newPage(town, { revisions: 2 })}/diff?from=1&to=2`,
    }),
  },
  'POST /wiki/pages/{id}/restore': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/wiki/pages/${await newPage(town, { revisions: 2 })}/restore`,
      payload: { revision: 1, baseRevision: 2 },
    }),
  },
  'POST /wiki/pages/{id}/attachments': {
    allowed: coordinatorsOfA,
    request: async (town) => ({
      url: `/wiki/pages/${await newPage(town)}/attachments`,
      ...upload('Lageplan'),
    }),
  },
  'GET /wiki/pages/{id}/attachments/{attachmentId}': [
    {
      when: 'of a public page',
      allowed: everyone,
      request: async (town) => {
        const a = await withAttachment(town);
        return { url: `/wiki/pages/${a.id}/attachments/${a.attachmentId}` };
      },
    },
    {
      when: "of A's members-only page",
      allowed: membersOfA,
      seenBy: nobodyElse,
      request: async (town) => {
        const a = await withAttachment(town, 'members');
        return { url: `/wiki/pages/${a.id}/attachments/${a.attachmentId}` };
      },
    },
  ],
  'DELETE /wiki/pages/{id}/attachments/{attachmentId}': {
    allowed: coordinatorsOfA,
    request: async (town) => {
      const a = await withAttachment(town);
      return { url: `/wiki/pages/${a.id}/attachments/${a.attachmentId}` };
    },
  },
};
