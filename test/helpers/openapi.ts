import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../server/db/database.generated.ts';
import { setMembership } from '../../server/repositories/organisations.ts';
import type { TestApp } from './app.ts';
import { makeSuggestion } from './bridges.ts';
import { makeProject } from './codesign.ts';
import { createOrganisation, type TestUser } from './factories.ts';

/**
 * The machinery of the tests generated from the OpenAPI document (test/integration/api-fuzz.test.ts,
 * test/integration/schema-agreement.test.ts): the document's operations, small valid values of its
 * schemas, things of every kind an instance admin may change (so a request gets as far as it can) and
 * a digest of every table (so a test sees whether a request wrote anything).
 */

/** The part of JSON Schema the document uses for requests. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  minProperties?: number;
}

export interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  summary: string;
  params: string[];
  parameters: Parameter[];
  body: JsonSchema | undefined;
  hasBody: boolean;
}

export type Step = string | number;
/** A JSON pointer as validation errors name fields ("/a/0/b"). */
export const pointer = (path: Step[]) => (path.length === 0 ? '/' : path.map((p) => `/${p}`).join(''));

/** The branch a sample takes through a union: the first that is not null. */
export function branch(s: JsonSchema): JsonSchema {
  const options = s.anyOf ?? s.oneOf;
  if (!options) return s;
  return branch(options.find((o) => o.type !== 'null') ?? options[0]!);
}

/** Whether a string can only take a few fixed values (an enum, a const or a union of them). */
export function fixed(s: JsonSchema): boolean {
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.every(fixed);
  return s.enum !== undefined || s.const !== undefined || s.type === 'null';
}

const patternSamples = [
  'de',
  'fuzz-slug',
  '10:00',
  'x',
  'https://example.org/',
  'https://tiles.example.org/{z}/{x}/{y}.png',
  'a'.repeat(43),
  `${'a'.repeat(43)}.ics`,
];
export const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** A small valid value of a schema (required properties only). */
export function sample(schema: JsonSchema): unknown {
  const s = branch(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.format === 'uuid') return zeroUuid;
      if (s.format === 'email') return 'fuzz@example.org';
      if (s.format === 'date-time') return '2030-01-07T10:00:00.000Z';
      if (s.format === 'date') return '2030-01-07';
      if (s.format === 'uri') return 'https://example.org/';
      const plain = 'x'.repeat(Math.max(s.minLength ?? 1, 1));
      if (!s.pattern) return plain;
      const re = new RegExp(s.pattern, 'u');
      const fits = (c: string) =>
        re.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Number.POSITIVE_INFINITY);
      return [...patternSamples, plain].find(fits) ?? plain;
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, (_, i) => {
        const v = sample(s.items ?? {});
        return typeof v === 'string' && i > 0 ? `${v}${i}` : v;
      });
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/**
 * Every free-text string a schema holds (not enums), with the path to it (array items as index 0),
 * in every branch of a union.
 */
export function stringFields(schema: JsonSchema, path: Step[] = []): { path: Step[]; schema: JsonSchema }[] {
  if (fixed(schema)) return [];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.flatMap((o) => stringFields(o, path));
  const s = schema;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'string') return [{ path, schema: s }];
  if (type === 'array' && s.items) return stringFields(s.items, [...path, 0]);
  if (type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringFields(v, [...path, k]));
  return [];
}

/** `base` with `value` at `path`, adding what leads there (an optional object, a first item). */
export function put(schema: JsonSchema, base: unknown, path: Step[], value: unknown): unknown {
  if (path.length === 0) return value;
  const s = branch(schema);
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const items = Array.isArray(base) && base.length > 0 ? [...base] : [sample(s.items ?? {})];
    items[0] = put(s.items ?? {}, items[0], rest, value);
    return items;
  }
  const inner = s.properties?.[head!] ?? {};
  const obj = { ...((base as Record<string, unknown> | null) ?? {}) };
  obj[head!] = put(inner, obj[head!] ?? sample(inner), rest, value);
  return obj;
}

/** Every operation of the app's OpenAPI document. */
export async function operationsOf(app: FastifyInstance): Promise<Operation[]> {
  const ops: Operation[] = [];
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          summary?: string;
          parameters?: Parameter[];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
        }
      >
    >;
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        hasBody: Boolean(op.requestBody),
      });
    }
  }
  return ops;
}

/** Things an instance admin may change, by the path parameter that names them. */
export interface Owned {
  organisation: string;
  resource: string;
  circle: string;
  update: string;
  wikiPage: string;
  mapReport: string;
  codesignProject: string;
  codesignPhase: string;
  codesignTool: string;
  ideasTool: string;
  idea: string;
  /** a public co-design project (of another organisation: the admin sees it, runs nothing in it) */
  commitmentProject: string;
  commitment: string;
  voteTool: string;
  voteOption: string;
  survey: string;
  /** a community the admin made (and so owns) */
  community: string;
  /** a bridge suggestion between the admin's organisation and another (the admin speaks for one side) */
  bridge: string;
  /** an event of the organisation the admin is staff of */
  placeEvent: string;
  /** the admin's own time-bank account */
  timebankAccount: string;
  /** a published opportunity of that organisation */
  opportunity: string;
  /** a public discussion the admin started */
  thread: string;
  /** a service of the organisation (instance admins may change every organisation's) */
  service: string;
}

/**
 * Makes one thing of every kind the admin may change (an organisation, a resource, a circle …), so
 * requests to their paths get as far as they can; `realIds`: ids of things that exist.
 */
export async function ownedThings(t: TestApp, admin: TestUser): Promise<{ owned: Owned; realIds: string[] }> {
  const org = await createOrganisation(t);
  const realIds = [org.id, admin.id];

  const made = async (method: 'POST', url: string, payload: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const resource = await made('POST', '/resources', {
    kind: 'equipment',
    title: 'Lastenrad',
    lat: 51.34,
    lng: 12.37,
  });
  const circle = await made('POST', '/circles', {});
  const update = await made('POST', `/circles/${circle}/updates`, {
    body: 'Alles gut.',
    visibility: 'all_members',
  });
  const wikiPage = await made('POST', '/wiki/pages', { title: 'Wegweiser Pflege', body: 'Rat und Hilfe.' });
  const mapReport = await made('POST', '/map-reports', {
    kind: 'defect',
    category: 'mobility',
    title: 'Schlagloch',
    lat: 51.34,
    lng: 12.37,
  });
  // a co-design project the admin organises (as staff of an organisation of its own), with a phase and a tool
  const codesignOrg = await createOrganisation(t);
  await t.db
    .insertInto('membership')
    .values({
      network_id: t.networkId,
      organisation_id: codesignOrg.id,
      account_id: admin.id,
      role: 'staff',
    })
    .execute();
  const codesign = await t.app.inject({
    method: 'POST',
    url: '/api/v1/codesign/projects',
    headers: admin.headers,
    payload: {
      organisationId: codesignOrg.id,
      template: 'short',
      title: 'Sprechstunde neu denken',
      summary: '',
      description: '',
      visibility: 'public',
      joining: 'open',
      districtId: null,
    },
  });
  assert.equal(codesign.statusCode, 201, codesign.body);
  const codesignProject = codesign.json().id as string;
  const codesignPhase = codesign.json().phases[0].id as string;
  const withTool = await t.app.inject({
    method: 'POST',
    url: `/api/v1/codesign/projects/${codesignProject}/phases/${codesignPhase}/tools`,
    headers: admin.headers,
    payload: { kind: 'ideas', title: 'Ideen sammeln', description: '', opensAt: null, closesAt: null },
  });
  assert.equal(withTool.statusCode, 201, withTool.body);
  const codesignTool = withTool.json().phases[0].tools[0].id as string;
  // Mitgestalten's ideas: a public project of the organisation with the admin as its facilitator
  // and a survey in it (instance admins have no rights of their own in Mitgestalten)
  const project = await makeProject(t, {
    lead: org.id,
    tools: [{ kind: 'ideas' }, { kind: 'survey' }],
    participants: [admin.id],
  });
  await t.db
    .updateTable('codesign_participant')
    .set({ role: 'facilitator' })
    .where('project_id', '=', project.id)
    .execute();
  const ideasTool = project.tools.ideas;
  const ideaRes = await t.app.inject({
    method: 'POST',
    url: `/api/v1/codesign/ideas/tools/${ideasTool}`,
    headers: admin.headers,
    payload: { title: 'Sprechstunde auch am Abend' },
  });
  assert.equal(ideaRes.statusCode, 201, ideaRes.body);
  const idea = ideaRes.json().idea.id as string;
  const commitmentProject = (await makeProject(t, { lead: org.id })).id;
  const commitment = (
    await t.db
      .insertInto('codesign_commitment')
      .values({
        network_id: t.networkId,
        project_id: commitmentProject,
        kind: 'task',
        title: 'Aushang schreiben',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // a dots vote of a co-design project the admin facilitates (staff of its lead organisation)
  await setMembership(t.db, t.networkId, org.id, admin.id, 'staff');
  const vote = await makeProject(t, { lead: org.id, tools: [{ kind: 'dots' }] });
  const voteOption = await t.db
    .insertInto('codesign_vote_option')
    .values({ network_id: t.networkId, tool_id: vote.tools.dots, title: 'Abends offen', position: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const survey = project.tools.survey;
  const community = await made('POST', '/places/communities', {
    name: 'Repair-Café',
    summary: '',
    description: '',
    space: 'online',
    towns: [],
    districtId: null,
    joining: 'request',
  });
  const bridge = await makeSuggestion(t, {
    organisationId: org.id,
    other: { type: 'organisation', id: (await createOrganisation(t)).id },
  });
  const placeEvent = await made('POST', '/places/events', {
    host: { type: 'organisation', id: org.id },
    title: 'Reparaturnachmittag',
    description: '',
    startsAt: '2030-01-07T10:00:00.000Z',
    endsAt: '2030-01-07T13:00:00.000Z',
    venue: 'Nachbarschaftszentrum',
    lat: null,
    lng: null,
    districtId: null,
    onlineUrl: null,
    stepFree: true,
    free: true,
    price: '',
    visibility: 'public',
    registration: true,
    capacity: 10,
    waitlistEnabled: true,
  });
  // a published opportunity (its shifts' calendar) and a public thread (its feed): the feeds answer for real
  const opportunity = await made('POST', '/opportunities', {
    level: 'regular',
    title: 'Samstags Tafel-Ausgabe',
    mode: 'on_site',
    organisationIds: [org.id],
    status: 'published',
  });
  const thread = await made('POST', '/discussions/threads', {
    title: 'Eine Bank am Marktplatz',
    theme: 'everyday',
    body: 'Wer setzt sich mit ein?',
  });
  const service = await made('POST', `/organisations/${org.id}/services`, {
    name: 'Sozialberatung',
    description: '',
    helpKinds: ['advice'],
    place: 'organisation',
    address: null,
    lat: null,
    lng: null,
    hoursNote: '',
    hours: [{ weekday: 2, opens: '09:00', closes: '12:00' }],
  });
  const owned: Owned = {
    service,
    opportunity,
    thread,
    organisation: org.id,
    resource,
    circle,
    update,
    wikiPage,
    mapReport,
    codesignProject,
    codesignPhase,
    codesignTool,
    ideasTool,
    idea,
    commitmentProject,
    commitment,
    voteTool: vote.tools.dots,
    voteOption: voteOption.id,
    survey,
    community,
    bridge,
    placeEvent,
    timebankAccount: (
      await t.app.inject({ url: '/api/v1/timebank/accounts/mine', headers: admin.headers })
    ).json().items[0].id,
  };
  return { owned, realIds };
}

/** A path parameter's value: the id of something the admin may change, or a valid-looking one. */
export function paramValue(owned: Owned, op: Operation, p: Parameter): string {
  const area = op.path.split('/')[3];
  if (p.name === 'id' && area === 'resources') return owned.resource;
  if (p.name === 'id' && area === 'circles') return owned.circle;
  if (p.name === 'id' && area === 'organisations') return owned.organisation;
  if (p.name === 'id' && area === 'map-reports') return owned.mapReport;
  if (p.name === 'updateId') return owned.update;
  if (p.name === 'serviceId' && area === 'organisations') return owned.service;
  if (p.name === 'id' && op.path.includes('/codesign/projects/')) return owned.codesignProject;
  if (p.name === 'id' && op.path.includes('/codesign/tools/')) return owned.codesignTool;
  if (p.name === 'phaseId' && op.path.includes('/codesign/projects/')) return owned.codesignPhase;
  if (p.name === 'toolId' && op.path.startsWith('/api/v1/codesign/ideas/')) return owned.ideasTool;
  if (p.name === 'id' && op.path.startsWith('/api/v1/codesign/ideas/')) return owned.idea;
  if (p.name === 'projectId' && area === 'codesign') return owned.commitmentProject;
  if (p.name === 'id' && op.path.startsWith('/api/v1/codesign/commitments/')) return owned.commitment;
  if (p.name === 'toolId' && op.path.startsWith('/api/v1/codesign/votes/')) return owned.voteTool;
  if (p.name === 'id' && op.path.startsWith('/api/v1/codesign/votes/options/')) return owned.voteOption;
  if (p.name === 'toolId' && op.path.includes('/codesign/surveys/')) return owned.survey;
  if (p.name === 'id' && op.path.startsWith('/api/v1/places/communities/')) return owned.community;
  if (p.name === 'id' && op.path.startsWith('/api/v1/places/bridges/')) return owned.bridge;
  if (p.name === 'id' && op.path.startsWith('/api/v1/places/events/')) return owned.placeEvent;
  if (p.name === 'id' && op.path.startsWith('/api/v1/timebank/accounts/')) return owned.timebankAccount;
  // the feeds of a real opportunity and thread (GET only: nothing to change)
  if (p.name === 'id' && op.path.endsWith('/opportunities/{id}/shifts.ics')) return owned.opportunity;
  if (p.name === 'id' && /\/discussions\/threads\/\{id\}\/feed\.(atom|rss)$/.test(op.path))
    return owned.thread;
  // only its uploads: the page's other changes take no body, so a fuzzed one would be carried out
  if (p.name === 'id' && op.path.endsWith('/wiki/pages/{id}/attachments')) return owned.wikiPage;
  return String(sample(p.schema));
}

/** The operation's URL with its path parameters (one of them replaced) and query. */
export function urlOf(
  owned: Owned,
  op: Operation,
  replace: Record<string, string> = {},
  query: Record<string, string> = {},
) {
  let url = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path'))
    url = url.replace(`{${p.name}}`, replace[p.name] ?? encodeURIComponent(paramValue(owned, op, p)));
  const required = op.parameters.filter((x) => x.in === 'query' && x.required);
  const q = new URLSearchParams({
    ...Object.fromEntries(required.map((p) => [p.name, String(sample(p.schema))])),
    ...query,
  }).toString();
  return q ? `${url}?${q}` : url;
}

// Tables that a rejected request may legitimately touch: throttling counts failed sign-ins, the rate
// limit counts every API request (in the database on PostgreSQL), and
// reads by admins are audited by design.
export const allowedWrites = new Set(['auth_failure', 'audit_log', 'rate_limit_hit']);
/**
 * Columns a request may move whatever it asks: a session's activity is noted at most every ten
 * minutes (auth/sessions.ts), and a long fuzz run meets that moment on some request.
 */
const volatileColumns: Record<string, string[]> = { session: ['last_seen_at', 'expires_at'] };
/** A table's rows as text for the digest, without its volatile columns. */
const rowText = (table: string) =>
  volatileColumns[table]
    ? `(to_jsonb(x) ${volatileColumns[table].map((c) => `- '${c}'`).join(' ')})::text`
    : 'x::text';

/** Row count and a digest of the rows of every application table, in one query: a refused request may not insert, change or delete. */
export function tableStates(db: Kysely<DB>): () => Promise<Record<string, string>> {
  let countQuery: ReturnType<typeof sql.raw> | undefined;
  return async () => {
    if (!countQuery) {
      const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
      ORDER BY table_name`.execute(db);
      countQuery = sql.raw(
        tables.rows
          .filter((r) => !allowedWrites.has(r.table_name))
          .map(
            (r) =>
              `SELECT '${r.table_name}' AS t, count(*) || ':' || coalesce(md5(string_agg(${rowText(r.table_name)}, ',' ORDER BY ${rowText(r.table_name)})), '') AS n FROM "${r.table_name}" x`,
          )
          .join(' UNION ALL '),
      );
    }
    const r = await (countQuery as ReturnType<typeof sql<{ t: string; n: string }>>).execute(db);
    return Object.fromEntries(r.rows.map((row) => [row.t, row.n]));
  };
}

/** the tables whose rows differ, for the failure message */
export const changedTables = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).join(', ');
// table by table: the UNION's rows come in no fixed order (PostgreSQL may scan the tables in
// parallel under load), so comparing the answers as a whole saw changes that were none
export const sameState = (a: Record<string, string>, b: Record<string, string>) => changedTables(a, b) === '';
