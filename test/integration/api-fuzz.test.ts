import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifySchemaCompiler } from 'fastify';
import { sql } from 'kysely';
import { createSession, sessionCookie } from '../../server/auth/sessions.ts';
import { validatorCompiler } from '../../server/http/validation.ts';
import { setMembership } from '../../server/repositories/organisations.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { makeSuggestion } from '../helpers/bridges.ts';
import { makeProject } from '../helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../helpers/factories.ts';

/**
 * Fuzzing generated from the OpenAPI document: every operation gets malformed, oversized and
 * unexpected requests, anonymous and as an instance admin. Nothing may answer 5xx, and requests
 * that were rejected may not have written anything. Besides the random requests, every string the
 * document describes (in a body, the query or the path) is sent one character over its maximum,
 * as 1 MB and with a NUL character; every operation that changes something gets a `null` body and
 * broken multipart bodies — all with ids of things that exist and may be changed by the sender, so
 * the request gets as far as it can.
 */

/** The part of JSON Schema the document uses for requests. */
interface JsonSchema {
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
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  summary: string;
  params: string[];
  parameters: Parameter[];
  body: JsonSchema | undefined;
  hasBody: boolean;
}

type Step = string | number;
/** A JSON pointer as validation errors name fields ("/a/0/b"). */
const pointer = (path: Step[]) => (path.length === 0 ? '/' : path.map((p) => `/${p}`).join(''));

/** The branch a sample takes through a union: the first that is not null. */
function branch(s: JsonSchema): JsonSchema {
  const options = s.anyOf ?? s.oneOf;
  if (!options) return s;
  return branch(options.find((o) => o.type !== 'null') ?? options[0]!);
}

/** Whether a string can only take a few fixed values (an enum, a const or a union of them). */
function fixed(s: JsonSchema): boolean {
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
const zeroUuid = '00000000-0000-0000-0000-000000000000';

/** A small valid value of a schema (required properties only). */
function sample(schema: JsonSchema): unknown {
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
function stringFields(schema: JsonSchema, path: Step[] = []): { path: Step[]; schema: JsonSchema }[] {
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
function put(schema: JsonSchema, base: unknown, path: Step[], value: unknown): unknown {
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

/** Whether a string is bounded: a maximum length, a fixed set of values, a fixed format or pattern. */
function bounded(s: JsonSchema): boolean {
  if (s.maxLength !== undefined || fixed(s)) return true;
  if (s.format === 'uuid' || s.format === 'date' || s.format === 'date-time') return true;
  // anchored and without unbounded repetition ("*", "+", "{n,}"), so no longer than its parts
  return Boolean(
    s.pattern && /^\^/.test(s.pattern) && /\$$/.test(s.pattern) && !/[*+]|\{\d+,\}/.test(s.pattern),
  );
}

const runs = Number(process.env.FUZZ_RUNS ?? 400);

// Tables that a rejected request may legitimately touch: throttling counts failed sign-ins, and
// reads by admins are audited by design.
const allowedWrites = new Set(['auth_failure', 'audit_log']);
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

describe('API fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let admin: TestUser;
  let ops: Operation[];
  let realIds: string[];
  /** Things the admin may change, by the path parameter that names them. */
  let owned: {
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
  };

  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    const org = await createOrganisation(t);
    realIds = [org.id, admin.id];
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
    owned = {
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
    };
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
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
    ops = [];
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
  });
  after(() => t.close());

  let clients = 0;
  /** A client address of its own per request: the rate limit is not what these requests test. */
  const someClient = () => {
    clients++;
    return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
  };

  /** A path parameter's value: the id of something the admin may change, or a valid-looking one. */
  function paramValue(op: Operation, p: Parameter): string {
    const area = op.path.split('/')[3];
    if (p.name === 'id' && area === 'resources') return owned.resource;
    if (p.name === 'id' && area === 'circles') return owned.circle;
    if (p.name === 'id' && area === 'organisations') return owned.organisation;
    if (p.name === 'id' && area === 'map-reports') return owned.mapReport;
    if (p.name === 'updateId') return owned.update;
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
    // only its uploads: the page's other changes take no body, so a fuzzed one would be carried out
    if (p.name === 'id' && op.path.endsWith('/wiki/pages/{id}/attachments')) return owned.wikiPage;
    return String(sample(p.schema));
  }

  /** The operation's URL with its path parameters (one of them replaced) and query. */
  function urlOf(op: Operation, replace: Record<string, string> = {}, query: Record<string, string> = {}) {
    let url = op.path;
    for (const p of op.parameters.filter((x) => x.in === 'path'))
      url = url.replace(`{${p.name}}`, replace[p.name] ?? encodeURIComponent(paramValue(op, p)));
    const required = op.parameters.filter((x) => x.in === 'query' && x.required);
    const q = new URLSearchParams({
      ...Object.fromEntries(required.map((p) => [p.name, String(sample(p.schema))])),
      ...query,
    }).toString();
    return q ? `${url}?${q}` : url;
  }

  /**
   * Sends one request as the admin and checks it: no 5xx, refused (4xx), and nothing written.
   * Returns the answer for closer checks, or a failure message.
   */
  async function mustRefuse(
    op: Operation,
    url: string,
    payload: string | Buffer | undefined,
    contentType = 'application/json',
  ): Promise<{ status: number; json: () => { errors?: { field: string }[] }; failure?: string }> {
    const before = await tableState();
    const res = await t.app.inject({
      method: op.method as 'GET',
      url,
      remoteAddress: someClient(),
      headers: { ...admin.headers, ...(payload === undefined ? {} : { 'content-type': contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });
    const what = `${op.method} ${url.slice(0, 120)} ${String(payload ?? '').slice(0, 60)}`;
    let failure: string | undefined;
    if (res.statusCode >= 500) failure = `${what} → ${res.statusCode} ${res.body.slice(0, 200)}`;
    else if (res.statusCode < 400) failure = `${what} → ${res.statusCode}: accepted`;
    else {
      const after = await tableState();
      if (!sameState(before, after))
        failure = `${what} → ${res.statusCode} but wrote rows (${changedTables(before, after)})`;
    }
    return { status: res.statusCode, json: () => res.json(), ...(failure ? { failure } : {}) };
  }

  let countQuery: ReturnType<typeof sql.raw> | undefined;
  /** Row count and a digest of the rows of every application table, in one query: a refused request may not insert, change or delete. */
  async function tableState(): Promise<Record<string, string>> {
    if (!countQuery) {
      const tables = await sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'
        ORDER BY table_name`.execute(t.db);
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
    const r = await (countQuery as ReturnType<typeof sql<{ t: string; n: string }>>).execute(t.db);
    return Object.fromEntries(r.rows.map((row) => [row.t, row.n]));
  }
  /** the tables whose rows differ, for the failure message */
  const changedTables = (a: Record<string, string>, b: Record<string, string>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).join(', ');
  // table by table: the UNION's rows come in no fixed order (PostgreSQL may scan the tables in
  // parallel under load), so comparing the answers as a whole saw changes that were none
  const sameState = (a: Record<string, string>, b: Record<string, string>) => changedTables(a, b) === '';

  test('the document lists the API', () => {
    assert.ok(ops.length >= 30, `only ${ops.length} operations`);
  });

  const junkValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant('x'.repeat(5000)),
    fc.constant('\u0000'),
    fc.constant("'; DROP TABLE account; --"),
    fc.constant('../../etc/passwd'),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  );
  const pathValue = fc.oneof(
    fc.string({ maxLength: 50 }).map((s) => encodeURIComponent(s) || 'x'),
    fc.uuid(),
    fc.constant('00000000-0000-0000-0000-000000000000'),
    fc.constant('%00'),
    fc.constant('a'.repeat(250)),
  );
  const body = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 20 }), junkValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 200 }),
    fc.constant('{"a":'),
    fc.constant('[]'),
    fc.constant('null'),
    fc.constant('"text"'),
    fc.constant(JSON.stringify({ email: 'x@example.org', password: 'y', name: 'Z', token: 'a'.repeat(43) })),
  );

  test(`${runs} random malformed requests: no 5xx, and nothing written by rejected ones`, async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        body,
        fc.boolean(),
        fc.boolean(),
        fc.dictionary(
          fc.constantFrom('limit', 'offset', 'q', 'status', 'unread', 'type', 'sector'),
          junkValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
          { maxKeys: 3 },
        ),
        async (opIndex, pathValues, payload, asAdmin, useRealId, query) => {
          const op = ops[opIndex % ops.length]!;
          let url = op.path;
          op.params.forEach((p, i) => {
            const v =
              useRealId && i === 0 ? realIds[opIndex % realIds.length]! : pathValues[i % pathValues.length]!;
            url = url.replace(`{${p}}`, v).replace(`:${p}`, v);
          });
          const qs = new URLSearchParams(query).toString();
          const before = await tableState();
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: { ...(asAdmin ? admin.headers : {}), 'content-type': 'application/json' },
            ...(op.hasBody || op.method !== 'GET' ? { payload } : {}),
          });
          if (res.statusCode >= 500)
            failures.push(`${op.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (res.statusCode >= 400 && !sameState(before, await tableState())) {
            failures.push(`${op.method} ${url} → ${res.statusCode} but wrote rows`);
          }
          return res.statusCode < 500;
        },
      ),
      { numRuns: runs, seed: 20261125, endOnFailure: true },
    );
    assert.deepEqual(failures, []);
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    // Some random requests are accepted, and one of them may end the admin's session (a sign-out,
    // "everywhere", a block of the real id): which ones depends on how many operations the API has.
    // The tests after this one send every request as the admin, so the admin gets a new session.
    await t.db.updateTable('account').set({ blocked_at: null }).where('id', '=', admin.id).execute();
    const s = await createSession(t.db, t.networkId, admin.id, 'test');
    admin = { ...admin, headers: { cookie: `${sessionCookie}=${s.secret}`, 'x-csrf-token': s.csrfToken } };
  });

  test('every string a request takes has a maximum length', () => {
    const unbounded: string[] = [];
    for (const op of ops) {
      for (const p of op.parameters)
        for (const f of stringFields(p.schema))
          if (!bounded(f.schema)) unbounded.push(`${op.method} ${op.path} ${p.in}:${p.name}`);
      for (const f of op.body ? stringFields(op.body) : [])
        if (!bounded(f.schema)) unbounded.push(`${op.method} ${op.path} body ${pointer(f.path)}`);
    }
    assert.deepEqual(unbounded, []);
  });

  const megabyte = 'x'.repeat(1024 * 1024);
  const nul = 'a\u0000b';

  test('every string field: one character too many, 1 MB or a NUL character is refused, nothing written', async (ctx) => {
    const failures: string[] = [];
    let sent = 0;
    let named = 0;
    const check = (r: Awaited<ReturnType<typeof mustRefuse>>, field?: string) => {
      sent++;
      if (r.failure) failures.push(r.failure);
      else if (field !== undefined) {
        // the answer names the field, when nothing else in the request was wrong
        const fields = r.status === 400 ? (r.json().errors ?? []).map((e) => e.field) : [];
        if (fields.includes(field)) named++;
        else failures.push(`${field}: ${r.status} named ${JSON.stringify(fields)}`);
      }
    };
    for (const op of ops) {
      const validate = op.body
        ? (validatorCompiler as FastifySchemaCompiler<object>)({
            schema: op.body,
            method: op.method,
            url: op.path,
            httpPart: 'body',
          })
        : undefined;
      for (const f of op.body ? stringFields(op.body) : []) {
        const base = sample(op.body!);
        const at = pointer(f.path);
        const body = (v: string) => JSON.stringify(put(op.body!, base, f.path, v));
        // a body that is valid but for this field: then the refusal must name it
        const valid = validate!(structuredClone(put(op.body!, base, f.path, sample(f.schema)))) === true;
        if (f.schema.maxLength !== undefined)
          check(
            await mustRefuse(op, urlOf(op), body('x'.repeat(f.schema.maxLength + 1))),
            valid ? at : undefined,
          );
        check(await mustRefuse(op, urlOf(op), body(megabyte)));
        check(await mustRefuse(op, urlOf(op), body(nul)), at);
      }
      const valid = op.body ? JSON.stringify(sample(op.body)) : op.method === 'GET' ? undefined : '';
      for (const p of op.parameters) {
        for (const f of stringFields(p.schema)) {
          const where = p.in === 'path' ? 'params' : 'querystring';
          const url = (v: string) =>
            p.in === 'path' ? urlOf(op, { [p.name]: encodeURIComponent(v) }) : urlOf(op, {}, { [p.name]: v });
          if (f.schema.maxLength !== undefined)
            check(await mustRefuse(op, url('x'.repeat(f.schema.maxLength + 1)), valid));
          // a path parameter of 1 MB finds no route (404); the query is validated
          check(await mustRefuse(op, url(megabyte), valid));
          check(await mustRefuse(op, url(nul), valid), `${where}:/${p.name}`);
        }
      }
    }
    ctx.diagnostic(`${sent} requests, ${named} refusals named their field`);
    assert.deepEqual(failures, []);
    assert.ok(sent > 300, `only ${sent} requests`);
    assert.ok(named > 100, `only ${named} answers named their field`);
  });

  /** Operations that change something, signing out last (accepted, it would end the admin's session). */
  const changing = () =>
    ops
      .filter((o) => o.method !== 'GET')
      .sort((a, b) => Number(a.path.includes('/session')) - Number(b.path.includes('/session')));

  test('a null body to every operation that changes something is refused, nothing written', async () => {
    const failures: string[] = [];
    for (const op of changing()) {
      const r = await mustRefuse(op, urlOf(op), 'null');
      if (r.failure) failures.push(r.failure);
    }
    assert.deepEqual(failures, []);
  });

  test('broken multipart bodies to every operation that changes something: refused, nothing written', async () => {
    const boundary = 'fuzz-boundary';
    const broken: [string, string][] = [
      ['multipart/form-data', `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx\r\n`],
      [`multipart/form-data; boundary=${boundary}`, 'no parts at all'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nx`,
      ],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${'x'.repeat(5000)}\r\n--${boundary}--\r\n`,
      ],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG\r\n`,
      ],
    ];
    const failures: string[] = [];
    let uploads = 0;
    for (const op of changing()) {
      const multipart = op.summary.includes('multipart/form-data');
      if (multipart) uploads++;
      for (const [contentType, payload] of broken) {
        const r = await mustRefuse(op, urlOf(op), payload, contentType);
        if (r.failure) failures.push(r.failure);
        // the upload routes get as far as reading the parts, and say what is wrong with them
        else if (multipart && r.status !== 400) failures.push(`${op.method} ${op.path} → ${r.status}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(uploads, 4, 'resource photos, circle attachments, wiki attachments and map report photos');
  });
});
