import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { maxInboxBytes } from '../../../server/interop/activitypub/http.ts';
import { createOrganisation } from '../../helpers/factories.ts';
import { type FederatedInstance, federatedInstance } from '../../helpers/federation.ts';

/**
 * Hostile bodies at the inbox of an instance that behaves as in production (private addresses not
 * allowed): each is answered 4xx, nothing is stored, and the server sends no request to a private
 * address — not to loopback, not to 10.x, not to the cloud metadata address.
 */
describe('inbox fuzz', () => {
  let t: FederatedInstance;
  let orgId: string;
  const outgoing: string[] = [];
  const realFetch = globalThis.fetch;

  before(async () => {
    t = await federatedInstance({ allowLoopback: false });
    orgId = (await createOrganisation(t)).id;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      outgoing.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    }) as typeof fetch;
  });
  after(async () => {
    globalThis.fetch = realFetch;
    await t?.close();
  });

  const privateTargets = [
    'http://127.0.0.1:9/actor',
    'http://10.0.0.7/actor',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:9/actor',
    'http://localhost:9/actor',
  ];

  const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

  const bodies: [string, string, Record<string, string>?][] = [
    ['huge', JSON.stringify({ type: 'Create', pad: 'x'.repeat(maxInboxBytes + 10) })],
    ['deeply nested', JSON.stringify({ type: 'Create', object: nested(200) })],
    ['deeply nested arrays', `{"type":"Create","object":${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['not JSON', '<xml>hello</xml>'],
    ['truncated JSON', '{"type": "Create", "actor": '],
    ['an array', '[{"type":"Follow"}]'],
    ['a string', '"Follow"'],
    ['null', 'null'],
    ['no type', '{"actor":"https://example.org/a"}'],
    ['wrong types', '{"type":5,"actor":[],"object":{"id":7}}'],
    ['type as object', '{"type":{"x":1},"actor":"https://example.org/a"}'],
    ['unsigned follow', JSON.stringify({ type: 'Follow', actor: 'https://example.org/a', object: 'x' })],
    ...privateTargets.map((target): [string, string, Record<string, string>] => [
      `signed by a key at ${target}`,
      JSON.stringify({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: `${target}#create`,
        type: 'Create',
        actor: target,
        object: { id: `${target}/event`, type: 'Event', name: 'SSRF', startTime: '2030-01-01T00:00:00Z' },
      }),
      {
        date: new Date().toUTCString(),
        signature: `keyId="${target}#main-key",algorithm="rsa-sha256",headers="(request-target) host date",signature="AAAA"`,
      },
    ]),
    [
      'a Follow whose actor is the metadata address',
      JSON.stringify({
        '@context': 'https://www.w3.org/ns/activitystreams',
        id: 'http://169.254.169.254/follow',
        type: 'Follow',
        actor: 'http://169.254.169.254/latest/meta-data/',
        object: 'PLACEHOLDER',
      }),
      {
        date: new Date().toUTCString(),
        signature:
          'keyId="http://169.254.169.254/key",algorithm="rsa-sha256",headers="(request-target) host date",signature="AAAA"',
      },
    ],
  ];

  for (const [name, body, headers] of bodies)
    test(`${name} → 4xx, nothing stored, nothing fetched from a private address`, async () => {
      for (const url of ['/ap/inbox', `/ap/actors/${orgId}/inbox`]) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/activity+json', ...headers },
          payload: body.replace('PLACEHOLDER', `${t.origin}/ap/actors/${orgId}`),
        });
        assert.ok(
          res.statusCode >= 400 && res.statusCode < 500,
          `${url}: ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      }
      for (const table of ['ap_follower', 'remote_actor', 'remote_event', 'remote_post'] as const)
        assert.deepEqual(await t.db.selectFrom(table).selectAll().execute(), [], table);
      const privateCalls = outgoing.filter((u) =>
        /^https?:\/\/(127\.|10\.|169\.254\.|\[::1\]|localhost)/.test(u),
      );
      assert.deepEqual(privateCalls, []);
    });
});
