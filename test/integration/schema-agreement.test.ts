import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../helpers/factories.ts';
import {
  branch,
  type JsonSchema,
  type Operation,
  type Owned,
  operationsOf,
  ownedThings,
  pointer,
  put,
  type Step,
  sample,
  urlOf,
} from '../helpers/openapi.ts';

/**
 * The OpenAPI document and the server agree on every field a request body may leave out or set to
 * null (issue 18: a credit limit of null was allowed by the document and refused by the server).
 * Generated from the document, with the machinery of the API fuzzing (test/helpers/openapi.ts): for
 * each operation with a body, and each field of it (at any depth of objects) that is optional or
 * nullable, it sends a small valid body — of the things the admin may change — once with the field
 * left out or null and, if that was refused, once with a value instead. Nothing may answer 5xx; a
 * refusal may not name the field (the document allows it); and a request refused with the field null
 * or missing but accepted with a value is a disagreement: either the document must not allow it, or the
 * server must take it.
 */

interface Field {
  path: Step[];
  schema: JsonSchema;
  nullable: boolean;
  optional: boolean;
}

const isNullable = (s: JsonSchema): boolean =>
  (Array.isArray(s.type) && s.type.includes('null')) ||
  s.type === 'null' ||
  Boolean((s.anyOf ?? s.oneOf)?.some((o) => o.type === 'null'));

/** Every property of an object body, at any depth of objects (not inside arrays), that is optional or nullable. */
function looseFields(schema: JsonSchema, path: Step[] = []): Field[] {
  const s = branch(schema);
  if (s.type !== 'object' || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([k, v]) => {
    const here = [...path, k];
    const optional = !(s.required ?? []).includes(k);
    const nullable = isNullable(v);
    return [
      ...(optional || nullable ? [{ path: here, schema: v, nullable, optional }] : []),
      ...looseFields(v, here),
    ];
  });
}

/**
 * Rules between fields that a JSON Schema of this document does not say, each with its reason: the
 * server refuses the field null or missing *together with* what else the request holds or the caller
 * is. Every other refusal of a field the document lets be null or missing is a disagreement.
 */
const rulesBetweenFields: Record<string, string> = {
  'PATCH /api/v1/resources/{id} /lat null': 'a location is a point: both coordinates or neither',
  'PATCH /api/v1/resources/{id} /lng null': 'a location is a point: both coordinates or neither',
  'POST /api/v1/organisations/{id}/services /lat null':
    "a service's place is a point: both coordinates or neither",
  'POST /api/v1/organisations/{id}/services /lng null':
    "a service's place is a point: both coordinates or neither",
  'PUT /api/v1/organisations/{id}/services/{serviceId} /lat null':
    "a service's place is a point: both coordinates or neither",
  'PUT /api/v1/organisations/{id}/services/{serviceId} /lng null':
    "a service's place is a point: both coordinates or neither",
  'PUT /api/v1/me/password /currentPassword left out':
    'needed when the account has a password; an account made by a sign-in link has none yet',
  'POST /api/v1/digest/unsubscribe /token left out':
    'the token comes in the body from the web page or in the query from a one-click mail client',
  'POST /api/v1/codesign/projects/{id}/assisted /displayName left out':
    'an assisted participant is named or reached by email: one of the two',
};

/** The object schema that holds the field at `path`. */
function holderOf(schema: JsonSchema, path: Step[]): JsonSchema {
  let s = branch(schema);
  for (const step of path.slice(0, -1)) s = branch(s.properties?.[step as string] ?? {});
  return s;
}

/** `body` without the field at `path`. */
function without(body: unknown, path: Step[]): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> | undefined = copy;
  for (const step of path.slice(0, -1)) at = at?.[step as string] as Record<string, unknown> | undefined;
  if (at) delete at[path.at(-1) as string];
  return copy;
}

describe('the OpenAPI document and the server agree on optional and nullable fields', () => {
  let t: TestApp;
  let admin: TestUser;
  let owned: Owned;
  let ops: Operation[];

  before(async () => {
    t = await createTestApp();
    admin = await createUser(t, { admin: true });
    ({ owned } = await ownedThings(t, admin));
    ops = await operationsOf(t.app);
  });
  after(() => t.close());

  let clients = 0;
  async function send(op: Operation, body: unknown) {
    clients++;
    const res = await t.app.inject({
      method: op.method as 'POST',
      url: urlOf(owned, op),
      // a client address of its own per request: the rate limit is not what this tests
      remoteAddress: `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    const json = res.statusCode >= 400 ? (res.json() as { code?: string; errors?: { field: string }[] }) : {};
    return { status: res.statusCode, code: json.code ?? '', fields: (json.errors ?? []).map((e) => e.field) };
  }

  test('every optional or nullable body field: left out or null, it is taken — or refused with a value too', async (ctx) => {
    const failures: string[] = [];
    let sent = 0;
    let taken = 0;
    let bothRefused = 0;
    const ruled = new Set<string>();
    // what ends the admin's session or account goes last, and signing out not at all
    const withBodies = ops
      .filter((o) => o.body && o.method !== 'GET' && !o.summary.includes('multipart/form-data'))
      .filter((o) => !/\/session$/.test(o.path) || o.method !== 'DELETE')
      .sort(
        (a, b) =>
          Number(/session|password|\/me$/.test(a.path)) - Number(/session|password|\/me$/.test(b.path)),
      );
    for (const op of withBodies) {
      const base = sample(op.body!);
      for (const f of looseFields(op.body!)) {
        const withValue = put(op.body!, base, f.path, sample(f.schema));
        const variants: [string, unknown][] = [];
        if (f.nullable) variants.push(['null', put(op.body!, base, f.path, null)]);
        // left out, unless the document asks for more properties than would be left
        const left = without(withValue, f.path);
        const holder = holderOf(op.body!, f.path);
        let inLeft = left as Record<string, unknown>;
        for (const step of f.path.slice(0, -1)) inLeft = inLeft[step as string] as Record<string, unknown>;
        if (f.optional && Object.keys(inLeft ?? {}).length >= (holder.minProperties ?? 0))
          variants.push(['left out', left]);
        for (const [how, body] of variants) {
          const what = `${op.method} ${op.path} ${pointer(f.path)} ${how}`;
          const v = await send(op, body);
          sent++;
          if (v.status >= 500) failures.push(`${what} → ${v.status}`);
          else if (v.status < 400) taken++;
          else if (rulesBetweenFields[what]) ruled.add(what);
          else if (v.fields.includes(pointer(f.path)))
            failures.push(
              `${what} → ${v.status} ${v.code}: the refusal names the field the document allows so`,
            );
          else {
            const w = await send(op, withValue);
            sent++;
            if (w.status >= 500) failures.push(`${what} (with a value) → ${w.status}`);
            else if (w.status < 400)
              failures.push(`${what} → ${v.status} ${v.code}, but with a value → ${w.status}: they disagree`);
            else bothRefused++;
          }
        }
      }
    }
    ctx.diagnostic(
      `${sent} requests: ${taken} taken as the document says, ${bothRefused} refused either way`,
    );
    assert.deepEqual(failures, []);
    // each rule listed is still one the server holds (or it goes from the list)
    assert.deepEqual([...ruled].sort(), Object.keys(rulesBetweenFields).sort());
    assert.ok(taken > 100, `only ${taken} requests got through; the test reaches too little`);
  });
});
