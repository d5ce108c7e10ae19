import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser } from '../../../../../test/helpers/factories.ts';
import { type CodesignStance, codesignStances } from '../../../../db/schema.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { Problem } from '../../../../http/problem.ts';
import type { Actor } from '../../../../policies/actor.ts';
import { emptyTally, listStances, tallies } from '../repositories/proposals.ts';
import { createProposal } from './proposals.ts';
import { takeStance, withdrawStance } from './stances.ts';

type Step =
  | { kind: 'stance'; person: number; proposal: number; stance: CodesignStance }
  | { kind: 'withdraw'; person: number; proposal: number };

const people = 6;
const proposals = 2;

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('stance' as const),
      person: fc.nat(people - 1),
      proposal: fc.nat(proposals - 1),
      stance: fc.constantFrom(...codesignStances),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      person: fc.nat(people - 1),
      proposal: fc.nat(proposals - 1),
    }),
  },
);

/**
 * Random sequences of stances, changes and withdrawals by a few people on two proposals, through the
 * commands against the real database. After every sequence: the tally computed in SQL equals the tally
 * recomputed from the individual stances, and both equal the model's (each person's last stance, none
 * after a withdrawal); a withdrawal without a stance is refused and changes nothing.
 */
describe('consensus tallies', () => {
  let t: TestApp;
  let ctxs: CommandContext[];
  let facilitator: CommandContext;
  let toolId: string;

  const ctxOf = (actor: Actor): CommandContext => ({
    networkId: t.networkId,
    actor,
    actorId: actor.accountId ?? '',
    ip: '127.0.0.1',
    locale: 'de',
  });

  before(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t);
    const staff = await createUser(t, { memberOf: [[org.id, 'staff']] });
    const users = [];
    for (let i = 0; i < people; i++) users.push(await createUser(t));
    const project = await makeProject(t, {
      lead: org.id,
      tools: [{ kind: 'consensus' }],
      participants: users.map((u) => u.id),
    });
    toolId = project.tools.consensus;
    facilitator = ctxOf({
      accountId: staff.id,
      isInstanceAdmin: false,
      blocked: false,
      roles: new Map([[org.id, 'staff']]),
    });
    ctxs = users.map((u) =>
      ctxOf({ accountId: u.id, isInstanceAdmin: false, blocked: false, roles: new Map() }),
    );
  });
  after(() => t.close());

  test('tallies in SQL equal the tallies recomputed from the stances, for random stances, changes and withdrawals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const ids: string[] = [];
        for (let i = 0; i < proposals; i++)
          ids.push(
            await createProposal(t.db, facilitator, toolId, {
              title: `Vorschlag ${i + 1}`,
              body: '',
              ideaId: null,
              closesAt: new Date(Date.now() + 3_600_000),
            }),
          );
        const model = ids.map(() => new Map<number, CodesignStance>());
        for (const s of steps) {
          const id = ids[s.proposal]!;
          const m = model[s.proposal]!;
          if (s.kind === 'stance') {
            await takeStance(t.db, ctxs[s.person]!, id, { stance: s.stance, reason: `Grund ${s.person}` });
            m.set(s.person, s.stance);
          } else if (m.has(s.person)) {
            await withdrawStance(t.db, ctxs[s.person]!, id);
            m.delete(s.person);
          } else {
            await assert.rejects(
              withdrawStance(t.db, ctxs[s.person]!, id),
              (e: unknown) => e instanceof Problem && e.code === 'codesign_consensus.no_stance',
            );
          }
        }
        const sql = await tallies(t.db, t.networkId, ids);
        for (const [i, id] of ids.entries()) {
          const expected = emptyTally();
          for (const s of model[i]!.values()) {
            expected[s]++;
            expected.total++;
          }
          const rows = await listStances(t.db, t.networkId, id, { limit: 100, offset: 0 });
          const recomputed = emptyTally();
          for (const r of rows.items) {
            recomputed[r.stance]++;
            recomputed.total++;
          }
          assert.deepEqual(sql.get(id), recomputed, 'SQL tally = recount of the stances');
          assert.deepEqual(recomputed, expected, 'stances = the model');
          assert.equal(rows.total, model[i]!.size, 'one stance per person');
        }
      }),
      { numRuns: 25 },
    );
  });
});
