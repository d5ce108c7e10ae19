import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { makeAssistedParticipant, makeProject } from '../../../../../test/helpers/codesign.ts';
import { createOrganisation, createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { executeTx } from '../../../../db/tx.ts';
import { demoProjects } from '../../projects/demo.ts';
import { seedOffline } from '../seed.ts';

describe('codesign offline: assisted people, claim codes, meetings and tallies', () => {
  let t: TestApp;
  let caritas: { id: string };
  let aylin: TestUser; // Caritas staff: organises the projects
  let renate: TestUser; // a participant
  let jonas: TestUser; // a neighbour, not in the project
  let neu: TestUser; // will take Frau M.'s participation over
  let project: Awaited<ReturnType<typeof makeProject>>;
  let districtId: string;

  type Who = TestUser | null;
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/codesign${url}`,
      headers: who?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const ok = async (r: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) => {
    const res = await r;
    assert.equal(res.statusCode, status, res.body);
    // biome-ignore lint/suspicious/noExplicitAny: the answers are read field by field below
    return res.json() as any;
  };
  const meeting = (over: object = {}) => ({
    heldOn: '2026-11-20',
    place: 'Begegnungsraum',
    facilitator: 'Aylin Demir',
    people: 12,
    attendance: [
      { dimension: 'stake', value: 'service_user', people: 9 },
      { dimension: 'age_band', value: '65_79', people: 3 },
      { dimension: 'district', value: districtId, people: 7 },
    ],
    notes: 'Viel Lob für den Kaffee.',
    decisions: ['Sprechstunde am Nachmittag testen'],
    ...over,
  });

  before(async () => {
    t = await createTestApp();
    caritas = await createOrganisation(t, { name: 'Caritas' });
    aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
    renate = await createUser(t, { displayName: 'Renate Schulz' });
    jonas = await createUser(t, { displayName: 'Jonas Berger' });
    neu = await createUser(t, { displayName: 'Marianne M.' });
    const d = await t.db
      .insertInto('district')
      .values({ network_id: t.networkId, slug: 'altstadt', name: 'Altstadt' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    districtId = d.id;
    project = await makeProject(t, {
      lead: caritas.id,
      tools: [{ kind: 'meeting' }, { kind: 'meeting' }, { kind: 'dots' }],
      participants: [renate.id],
    });
  });
  after(() => t.close());

  test('a facilitator adds Frau M. with her consent and groups; only facilitators see the list', async () => {
    const added = await ok(
      call(aylin, 'POST', `/projects/${project.id}/assisted`, {
        displayName: 'Frau M.',
        consent: 'paper',
        groups: { districtId, ageBand: '65_79', stake: 'service_user', language: 'de' },
      }),
      201,
    );
    assert.equal(added.name, 'Frau M.');
    assert.equal(added.consent, 'paper');
    assert.equal(added.consentRecordedBy, 'Aylin Demir');
    assert.equal(added.groups.districtName, 'Altstadt');
    assert.equal(added.hasAccount, false);
    const list = await ok(call(aylin, 'GET', `/projects/${project.id}/assisted`));
    assert.deepEqual(
      list.items.map((i: { name: string }) => i.name),
      ['Frau M.'],
    );
    assert.equal((await call(renate, 'GET', `/projects/${project.id}/assisted`)).statusCode, 403);
    assert.equal((await call(null, 'GET', `/projects/${project.id}/assisted`)).statusCode, 401);
    assert.equal(
      (await call(jonas, 'POST', `/projects/${project.id}/assisted`, { displayName: 'X', consent: 'phone' }))
        .statusCode,
      403,
    );
    // a name or an e-mail address, not both, not neither
    const both = await call(aylin, 'POST', `/projects/${project.id}/assisted`, {
      displayName: 'Herr K.',
      email: jonas.email,
      consent: 'phone',
    });
    assert.equal(both.statusCode, 422);
    const unknown = await call(aylin, 'POST', `/projects/${project.id}/assisted`, {
      email: 'niemand@example.org',
      consent: 'phone',
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].field, '/email');
    // a member by e-mail
    const member = await ok(
      call(aylin, 'POST', `/projects/${project.id}/assisted`, { email: jonas.email, consent: 'in_person' }),
      201,
    );
    assert.equal(member.name, 'Jonas Berger');
    assert.equal(member.hasAccount, true);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'codesign.assisted_added')
      .execute();
    assert.equal(audits.length, 2);
    assert.equal((audits[0]!.details as { role: string }).role, 'staff');
  });

  test('contribute() refuses to enter for a participant without consent; with consent it is marked', async () => {
    const frauM = (await ok(call(aylin, 'GET', `/projects/${project.id}/assisted`))).items.find(
      (i: { name: string }) => i.name === 'Frau M.',
    ).id as string;
    const renateRow = project.participants[renate.id]!;
    const refused = await call(
      aylin,
      'PUT',
      `/meetings/${project.toolIds[0]}`,
      meeting({ attendees: [renateRow] }),
    );
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().code ?? refused.json().type, refused.json().code ?? refused.json().type);
    assert.match(refused.body, /assist_no_consent|Einwilligung/);
    assert.equal(
      (await t.db.selectFrom('codesign_meeting').select('id').execute()).length,
      0,
      'nothing of the refused record is kept',
    );
    const saved = await ok(
      call(aylin, 'PUT', `/meetings/${project.toolIds[0]}`, meeting({ attendees: [frauM] })),
    );
    assert.equal(saved.record.people, 12);
    assert.deepEqual(
      saved.record.attendees.map((a: { name: string; assistedBy: string; channel: string }) => [
        a.name,
        a.channel,
        a.assistedBy,
      ]),
      [['Frau M.', 'meeting', 'Aylin Demir']],
    );
    const c = await t.db
      .selectFrom('codesign_contribution')
      .selectAll()
      .where('participant_id', '=', frauM)
      .executeTakeFirstOrThrow();
    assert.equal(c.kind, 'attendance');
    assert.equal(c.entered_by, aylin.id);
    assert.equal(c.entered_role, 'staff');
    // saving again does not count her twice; the timeline has the meeting once
    await ok(
      call(aylin, 'PUT', `/meetings/${project.toolIds[0]}`, meeting({ attendees: [frauM], people: 13 })),
    );
    assert.equal(
      (
        await t.db
          .selectFrom('codesign_contribution')
          .select('id')
          .where('participant_id', '=', frauM)
          .execute()
      ).length,
      1,
    );
    const events = await t.db
      .selectFrom('codesign_event')
      .select('kind')
      .where('project_id', '=', project.id)
      .where('kind', '=', 'offline.meeting_recorded')
      .execute();
    assert.equal(events.length, 1);
  });

  test('meeting attendance: counts are ≥ 0 (schema and CHECK), groups fit the total, small groups hidden from others', async () => {
    const tool = project.toolIds[1]!;
    assert.equal(
      (
        await call(
          aylin,
          'PUT',
          `/meetings/${tool}`,
          meeting({ attendance: [{ dimension: 'stake', value: 'staff', people: -1 }] }),
        )
      ).statusCode,
      400,
    );
    const exceeds = await call(
      aylin,
      'PUT',
      `/meetings/${tool}`,
      meeting({ people: 2, attendance: [{ dimension: 'stake', value: 'staff', people: 3 }] }),
    );
    assert.equal(exceeds.statusCode, 422, exceeds.body);
    const badValue = await call(
      aylin,
      'PUT',
      `/meetings/${tool}`,
      meeting({ attendance: [{ dimension: 'age_band', value: 'uralt', people: 1 }] }),
    );
    assert.equal(badValue.statusCode >= 400 && badValue.statusCode < 500, true);
    assert.equal((await call(renate, 'PUT', `/meetings/${tool}`, meeting())).statusCode, 403);
    await ok(call(aylin, 'PUT', `/meetings/${tool}`, meeting()));
    const m = await t.db
      .selectFrom('codesign_meeting')
      .select('id')
      .where('tool_id', '=', tool)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      t.db
        .insertInto('codesign_meeting_attendance')
        .values({ network_id: t.networkId, meeting_id: m.id, dimension: 'language', value: 'tr', people: -2 })
        .execute(),
    );
    await assert.rejects(
      t.db
        .insertInto('codesign_meeting_attendance')
        .values({
          network_id: t.networkId,
          meeting_id: m.id,
          dimension: 'stake',
          value: 'boss',
          people: 2,
        } as never)
        .execute(),
    );
    await assert.rejects(sql`UPDATE codesign_meeting SET people = -1 WHERE id = ${m.id}`.execute(t.db));
    // a participant sees the groups, but not a group of 1 to 4 people; nor the named attendees
    const seen = await ok(call(renate, 'GET', `/meetings/${tool}`));
    const age = seen.record.attendance.find((a: { dimension: string }) => a.dimension === 'age_band');
    assert.deepEqual([age.people, age.suppressed], [null, true]);
    const stake = seen.record.attendance.find((a: { dimension: string }) => a.dimension === 'stake');
    assert.equal(stake.people, 9);
    const own = await ok(call(aylin, 'GET', `/meetings/${tool}`));
    assert.equal(
      own.record.attendance.find((a: { dimension: string }) => a.dimension === 'age_band').people,
      3,
    );
  });

  test('withdrawing consent: nothing more is entered (route and database), what was entered stays marked', async () => {
    const frauM = (await ok(call(aylin, 'GET', `/projects/${project.id}/assisted`))).items.find(
      (i: { name: string }) => i.name === 'Frau M.',
    ).id as string;
    assert.equal(
      (await call(renate, 'POST', `/projects/${project.id}/assisted/${frauM}/withdraw`)).statusCode,
      403,
    );
    const w = await ok(call(aylin, 'POST', `/projects/${project.id}/assisted/${frauM}/withdraw`));
    assert.ok(w.consentWithdrawnAt);
    assert.equal(w.assistedContributions, 1);
    const usable = await ok(call(aylin, 'GET', `/projects/${project.id}/assisted?usable=true`));
    assert.ok(!usable.items.some((i: { id: string }) => i.id === frauM));
    const refused = await call(
      aylin,
      'PUT',
      `/meetings/${project.toolIds[1]}`,
      meeting({ attendees: [frauM] }),
    );
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /zurückgezogen|withdrawn/);
    await assert.rejects(
      t.db
        .insertInto('codesign_contribution')
        .values({
          network_id: t.networkId,
          project_id: project.id,
          participant_id: frauM,
          kind: 'idea',
          channel: 'paper',
          entered_by: aylin.id,
          entered_role: 'staff',
        })
        .execute(),
      /consent/,
    );
    const kept = await t.db
      .selectFrom('codesign_contribution')
      .select(['entered_by'])
      .where('participant_id', '=', frauM)
      .execute();
    assert.deepEqual(kept, [{ entered_by: aylin.id }]);
  });

  test('a claim code: shown once, stored hashed, works once, expires, refused for a participant', async () => {
    const herrK = (
      await ok(
        call(aylin, 'POST', `/projects/${project.id}/assisted`, { displayName: 'Herr K.', consent: 'phone' }),
        201,
      )
    ).id as string;
    const frauM = (await ok(call(aylin, 'GET', `/projects/${project.id}/assisted`))).items.find(
      (i: { name: string }) => i.name === 'Frau M.',
    ).id as string;
    assert.equal(
      (await call(renate, 'POST', `/projects/${project.id}/assisted/${frauM}/claim-code`)).statusCode,
      403,
    );
    const issued = await call(aylin, 'POST', `/projects/${project.id}/assisted/${frauM}/claim-code`);
    assert.equal(issued.statusCode, 201, issued.body);
    assert.equal(issued.headers['cache-control'], 'no-store');
    const { code, expiresAt } = issued.json();
    assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.ok(new Date(expiresAt) > new Date());
    const row = await t.db
      .selectFrom('codesign_participant')
      .selectAll()
      .where('id', '=', frauM)
      .executeTakeFirstOrThrow();
    const hash = createHash('sha256').update(code.replace(/-/g, '')).digest('hex');
    assert.equal(row.claim_token_hash, hash);
    const everything = JSON.stringify(await t.db.selectFrom('codesign_participant').selectAll().execute());
    assert.ok(
      !everything.includes(code.replace(/-/g, '')) && !everything.includes(code),
      'the code itself is not stored',
    );
    const audit = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute());
    assert.ok(!audit.includes(code));

    // Renate already takes part: she cannot take Frau M.'s row over
    const already = await call(renate, 'POST', '/claim', { code });
    assert.equal(already.statusCode, 409);
    assert.match(already.body, /zusammenlegen|join two/);
    // a wrong code
    assert.equal((await call(neu, 'POST', '/claim', { code: 'AAAA-AAAA-AAAA' })).statusCode, 404);
    assert.equal((await call(null, 'POST', '/claim', { code })).statusCode, 401);
    // lower case and spaces do not matter
    const claimed = await ok(call(neu, 'POST', '/claim', { code: code.toLowerCase().replace(/-/g, ' ') }));
    assert.equal(claimed.projectId, project.id);
    const after = await t.db
      .selectFrom('codesign_participant')
      .selectAll()
      .where('id', '=', frauM)
      .executeTakeFirstOrThrow();
    assert.equal(after.account_id, neu.id);
    assert.ok(after.claimed_at);
    assert.equal(after.claim_token_hash, null);
    // her past contributions stay, still marked with who entered them
    const mine = await ok(call(aylin, 'GET', `/meetings/${project.toolIds[0]}`));
    assert.deepEqual(
      mine.record.attendees.map((a: { name: string; assistedBy: string }) => [a.name, a.assistedBy]),
      [['Marianne M.', 'Aylin Demir']],
    );
    // it works once
    assert.equal((await call(jonas, 'POST', '/claim', { code })).statusCode, 404);
    // no code for someone with an account
    assert.equal(
      (await call(aylin, 'POST', `/projects/${project.id}/assisted/${frauM}/claim-code`)).statusCode,
      409,
    );

    // an expired code
    const k = (await ok(call(aylin, 'POST', `/projects/${project.id}/assisted/${herrK}/claim-code`), 201))
      .code;
    await t.db
      .updateTable('codesign_participant')
      .set({ claim_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', herrK)
      .execute();
    const expired = await call(jonas, 'POST', '/claim', { code: k });
    assert.equal(expired.statusCode, 410);
    // the hash and its expiry come and go together
    await assert.rejects(
      t.db
        .updateTable('codesign_participant')
        .set({ claim_expires_at: null })
        .where('id', '=', herrK)
        .execute(),
    );
  });

  test('tallies: totals with provenance, no participants made, shown on the meeting, exported', async () => {
    const before = await t.db
      .selectFrom('codesign_participant')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const body = {
      meetingToolId: project.toolIds[0],
      people: 11,
      channel: 'paper',
      note: 'Plakat im Flur',
      counts: [
        { label: 'Nachmittags', count: 8 },
        { label: 'Per Telefon', optionRef: 'opt-2', count: 3 },
      ],
    };
    assert.equal((await call(renate, 'POST', `/tools/${project.tools.dots}/tallies`, body)).statusCode, 403);
    assert.equal(
      (await call(aylin, 'POST', `/tools/${project.tools.dots}/tallies`, { ...body, counts: [] })).statusCode,
      400,
    );
    assert.equal(
      (
        await call(aylin, 'POST', `/tools/${project.tools.dots}/tallies`, {
          ...body,
          counts: [{ label: 'x', count: -1 }],
        })
      ).statusCode,
      400,
    );
    const tally = await ok(call(aylin, 'POST', `/tools/${project.tools.dots}/tallies`, body), 201);
    assert.equal(tally.people, 11);
    assert.equal(tally.enteredBy, 'Aylin Demir');
    assert.deepEqual(
      tally.counts.map((c: { label: string; count: number; optionRef: string | null }) => [
        c.label,
        c.count,
        c.optionRef,
      ]),
      [
        ['Nachmittags', 8, null],
        ['Per Telefon', 3, 'opt-2'],
      ],
    );
    const afterCount = await t.db
      .selectFrom('codesign_participant')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterCount.n, before.n);
    const m = await ok(call(renate, 'GET', `/meetings/${project.toolIds[0]}`));
    assert.equal(m.tallies.length, 1);
    assert.equal(m.tallies[0].toolTitle.length > 0, true);
    const list = await ok(call(renate, 'GET', `/tools/${project.tools.dots}/tallies`));
    assert.equal(list.items.length, 1);
    const csv = await call(aylin, 'GET', `/tools/${project.tools.dots}/tallies.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Nachmittags;;8;Plakat im Flur|Nachmittags;;8/);
    // a meeting tool without a record cannot be named
    const noRecord = await call(aylin, 'POST', `/tools/${project.tools.dots}/tallies`, {
      ...body,
      meetingToolId: project.tools.dots,
    });
    assert.equal(noRecord.statusCode, 422);
    await assert.rejects(sql`UPDATE codesign_tally_count SET count = -1`.execute(t.db));
    assert.equal((await call(renate, 'DELETE', `/tallies/${tally.id}`)).statusCode, 403);
    assert.equal((await call(aylin, 'DELETE', `/tallies/${tally.id}`)).statusCode, 204);
    assert.equal((await call(aylin, 'DELETE', `/tallies/${tally.id}`)).statusCode, 404);
  });

  test('a members-only project answers 404 to outsiders on every offline route', async () => {
    const hidden = await makeProject(t, {
      lead: caritas.id,
      visibility: 'members',
      tools: [{ kind: 'meeting' }],
    });
    const person = await makeAssistedParticipant(t, hidden.id, { recordedBy: aylin.id });
    for (const [method, url] of [
      ['GET', `/projects/${hidden.id}/assisted`],
      ['POST', `/projects/${hidden.id}/assisted/${person}/withdraw`],
      ['GET', `/meetings/${hidden.tools.meeting}`],
      ['GET', `/tools/${hidden.tools.meeting}/tallies`],
      ['GET', `/tools/${hidden.tools.meeting}/kit`],
    ] as const)
      assert.equal((await call(jonas, method, url)).statusCode, 404, `${method} ${url}`);
    const kit = await ok(call(aylin, 'GET', `/tools/${hidden.tools.meeting}/kit`));
    assert.match(
      kit.url,
      new RegExp(`/mitgestalten/projekte/${hidden.id}/werkzeuge/${hidden.tools.meeting}$`),
    );
    assert.match(kit.tool.paperCode, /^[A-Z0-9]{6}$/);
  });
});

describe('codesign offline: the demo town’s seed', () => {
  test('adds Frau M., the meetings and the poster tally to the demo projects', async () => {
    const t = await createTestApp();
    try {
      const caritas = await createOrganisation(t, { name: 'Caritas' });
      const stadt = await createOrganisation(t, { name: 'Stadt' });
      const aylin = await createUser(t, { displayName: 'Aylin Demir', memberOf: [[caritas.id, 'staff']] });
      const thomas = await createUser(t, { displayName: 'Thomas Becker', memberOf: [[stadt.id, 'staff']] });
      const consultation = await makeProject(t, {
        lead: caritas.id,
        title: demoProjects.consultation.title,
        tools: [{ kind: 'dots' }],
      });
      await makeProject(t, { lead: stadt.id, title: demoProjects.familiesNeeds.title });
      const made = await executeTx(t.db, (tx) =>
        seedOffline(tx, {
          networkId: t.networkId,
          orgIds: new Map([
            ['caritas', caritas.id],
            ['stadt', stadt.id],
          ]),
          personIds: new Map([
            ['aylin', aylin.id],
            ['thomas', thomas.id],
          ]),
          districtIds: new Map(),
          centres: new Map(),
          memberships: new Map([
            ['aylin', [['caritas', 'staff']]],
            ['thomas', [['stadt', 'staff']]],
          ]),
          now: Date.now(),
        }),
      );
      const frauM = await t.db
        .selectFrom('codesign_participant')
        .selectAll()
        .where('id', '=', made.offlineFrauM as string)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [frauM.display_name, frauM.consent, frauM.consent_recorded_by, frauM.stake, frauM.age_band],
        ['Frau M.', 'paper', aylin.id, 'service_user', '65_79'],
      );
      const meetings = await t.db.selectFrom('codesign_meeting').select(['project_id', 'people']).execute();
      assert.equal(meetings.length, 2);
      const tally = await t.db.selectFrom('codesign_tally').selectAll().executeTakeFirstOrThrow();
      assert.equal(tally.tool_id, consultation.tools.dots);
      assert.ok(tally.meeting_id);
      const attended = await t.db
        .selectFrom('codesign_contribution')
        .select(['kind', 'channel', 'entered_by'])
        .where('participant_id', '=', frauM.id)
        .execute();
      assert.deepEqual(attended, [{ kind: 'attendance', channel: 'meeting', entered_by: aylin.id }]);
    } finally {
      await t.close();
    }
  });
});
