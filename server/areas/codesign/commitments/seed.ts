import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { CommandContext } from '../../../http/context.ts';
import { Problem } from '../../../http/problem.ts';
import type { Actor } from '../../../policies/actor.ts';
import type { DemoSeedContext } from '../../../seed/context.ts';
import { createOpportunity, insertShift } from '../../participation/index.ts';
import { type DemoProjectKey, demoProjectId } from '../projects/demo.ts';
import { type CommitmentInput, createCommitment } from './commands/commitments.ts';

const day = 86_400_000;

/**
 * The demo town's commitments. In Caritas's consultation-hours project: the Nachbarschaftszentrum's
 * hall booked for the new Tuesday consultation (asked for through Teilen, approved at once because
 * the centre owns it), the shifts of a new Caritas opportunity to welcome people in the waiting area,
 * and a task for Aylin Demir. In the market ride service (Freiwilligenagentur with the AWO): the
 * centre's minibus as a loan, the AWO's time credits and a task, all still planned. Everything goes
 * through the commands, as an organiser would do it.
 */
export async function seedCommitments(tx: Transaction<DB>, c: DemoSeedContext) {
  const person = (key: string) => c.personIds.get(key)!;
  const org = (key: string) => c.orgIds.get(key)!;
  const actor = (key: string): Actor => ({
    accountId: person(key),
    isInstanceAdmin: false,
    blocked: false,
    roles: new Map((c.memberships.get(key) ?? []).map(([o, role]) => [org(o), role])),
  });
  const ctx = (key: string): CommandContext => ({
    networkId: c.networkId,
    actor: actor(key),
    actorId: person(key),
    ip: '127.0.0.1',
    locale: 'de',
  });
  const project = async (key: DemoProjectKey) => {
    let id: string;
    try {
      id = await demoProjectId(tx, c.networkId, key);
    } catch {
      return null; // the projects part did not make it (a town without Mitgestalten's projects)
    }
    const row = await tx
      .selectFrom('codesign_project')
      .select('status')
      .where('network_id', '=', c.networkId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.status === 'closed' ? null : id;
  };
  const resource = async (title: string) =>
    (
      await tx
        .selectFrom('resource')
        .select('id')
        .where('network_id', '=', c.networkId)
        .where('title', '=', title)
        .executeTakeFirst()
    )?.id;
  /** The next `weekday` (0 Sunday) at least `after` days from now, at `hour` UTC. */
  const next = (weekday: number, hour: number, after: number) => {
    const d = new Date(c.now + after * day);
    d.setUTCDate(d.getUTCDate() + ((weekday - d.getUTCDay() + 7) % 7));
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  /** A booking request in the first free week of several (the hall may be taken). */
  const commitBooking = async (by: string, projectId: string, input: CommitmentInput, weekday: number) => {
    for (let week = 0; week < 6; week++) {
      const start = next(weekday, 9, 3 + week * 7);
      try {
        return await createCommitment(tx, ctx(by), projectId, {
          ...input,
          bookingRequest: {
            resourceId: input.bookingRequest!.resourceId,
            start: start.toISOString(),
            end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          },
        });
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
      }
    }
    return null;
  };
  let made = 0;
  /** A commitment as `by` makes it; skipped (not the whole town) when the project does not let them. */
  const tryCommit = async (by: string, projectId: string, input: CommitmentInput) => {
    try {
      await createCommitment(tx, ctx(by), projectId, input);
      made++;
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
    }
  };
  const ymd = (offsetDays: number) => new Date(c.now + offsetDays * day).toISOString().slice(0, 10);

  const consultation = await project('consultation');
  const saal = await resource('Saal im Nachbarschaftszentrum');
  if (consultation) {
    if (saal) {
      const id = await commitBooking(
        'petra',
        consultation,
        {
          kind: 'booking',
          title: 'Saal für die neue Dienstags-Sprechstunde',
          measure: 'Die offene Sprechstunde gibt es zusätzlich dienstags im Nachbarschaftszentrum.',
          bookingRequest: { resourceId: saal, start: '', end: '' },
          dueOn: ymd(14),
        },
        2,
      );
      if (id) made++;
    }
    const welcome = await createOpportunity(tx, ctx('aylin'), {
      level: 'regular',
      mode: 'on_site',
      title: 'Sprechstunde: Wartende begrüßen und begleiten',
      description:
        'Sie begrüßen Menschen im Wartebereich der offenen Sprechstunde, bieten Tee an und helfen beim Ausfüllen des Zettels. Keine Beratung – nur ein freundliches Ankommen.',
      organisationIds: [org('caritas')],
      languages: ['de', 'tr', 'ar'],
      status: 'published',
    });
    const shiftIds: string[] = [];
    for (const week of [0, 1, 2]) {
      const start = next(2, 9, 3 + week * 7);
      const row = await insertShift(tx, c.networkId, {
        opportunityId: welcome,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
        capacity: 3,
        note: 'Im Nachbarschaftszentrum, Saal',
      });
      shiftIds.push(row.id);
    }
    await tryCommit('aylin', consultation, {
      kind: 'shifts',
      title: 'Begleitung im Wartebereich an den ersten drei Dienstagen',
      measure: 'Ehrenamtliche begrüßen die Wartenden, damit niemand allein ankommt.',
      opportunityId: welcome,
      shiftIds,
      dueOn: ymd(10),
    });
    await tryCommit('stefan', consultation, {
      kind: 'task',
      title: 'Aushang zur neuen Sprechstunde in vier Sprachen',
      measure: 'Die neuen Zeiten sind überall bekannt, auch ohne Deutschkenntnisse.',
      owner: { type: 'person', id: person('aylin') },
      dueOn: ymd(7),
    });
  }

  const market = await project('marketRidesCommit');
  const bus = await resource('Kleinbus (9 Sitze)');
  if (market) {
    if (bus) {
      const id = await commitBooking(
        'tobias',
        market,
        {
          kind: 'loan',
          title: 'Kleinbus für die erste Fahrt zum Wochenmarkt',
          measure: 'Jeden Donnerstag fährt ein Bus vom Seniorentreff zum Markt und zurück.',
          bookingRequest: { resourceId: bus, start: '', end: '' },
        },
        4,
      );
      if (id) made++;
    }
    await tryCommit('sevgi', market, {
      kind: 'credits',
      title: 'Zeitguthaben für die Fahrerinnen und Fahrer',
      measure: 'Wer fährt, bekommt die Zeit in der Zeitbank gutgeschrieben.',
      owner: { type: 'organisation', id: org('awo') },
      minutes: 600,
      dueOn: ymd(30),
    });
    await tryCommit('tobias', market, {
      kind: 'task',
      title: 'Route und Haltestellen festlegen',
      measure: 'Der Bus hält dort, wo die meisten einsteigen können.',
      owner: { type: 'person', id: person('tobias') },
      dueOn: ymd(12),
    });
  }
  return { codesignCommitments: made };
}
