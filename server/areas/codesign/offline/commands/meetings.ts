import type { CodesignAttendanceDimension } from '../../../../db/schema.ts';
import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { Problem } from '../../../../http/problem.ts';
import { audit } from '../../../../platform/audit.ts';
import { toolFor } from '../../projects/access.ts';
import { contribute, enteredRoleOf } from '../../projects/contribute.ts';
import { addToTimeline } from '../../projects/timeline.ts';

export interface MeetingInput {
  heldOn: string;
  place: string;
  facilitator: string;
  people: number;
  attendance: { dimension: CodesignAttendanceDimension; value: string; people: number }[];
  attendees?: string[];
  notes: string;
  decisions: string[];
}

const field = (f: string, code: 'codesign.offline_attendance_value' | 'codesign.offline_group_exceeds') =>
  new Problem(422, 'validation', { fields: [{ field: f, code }] });

/**
 * A meeting tool's record, written or rewritten by a facilitator in one transaction: when, where, who
 * led it, how many came by group (numbers, no names), notes and decisions. Participants named as
 * present each become a contribution of kind 'attendance' through the meeting (once; naming them no
 * more takes the attendance back). The first record puts the meeting on the project's timeline.
 */
export async function saveMeeting(
  db: Executor,
  ctx: CommandContext,
  toolId: string,
  input: MeetingInput,
): Promise<string> {
  const seen = new Set<string>();
  const byDimension = new Map<string, number>();
  for (const [i, a] of input.attendance.entries()) {
    const key = `${a.dimension}\0${a.value}`;
    if (seen.has(key)) throw field(`/attendance/${i}/value`, 'codesign.offline_attendance_value');
    seen.add(key);
    byDimension.set(a.dimension, (byDimension.get(a.dimension) ?? 0) + a.people);
  }
  for (const [dimension, sum] of byDimension)
    if (sum > input.people) {
      const i = input.attendance.findIndex((a) => a.dimension === dimension);
      throw new Problem(422, 'validation', {
        fields: [
          {
            field: `/attendance/${i}/people`,
            code: 'codesign.offline_group_exceeds',
            params: { people: input.people },
          },
        ],
      });
    }
  const decisions = input.decisions.map((d) => d.trim()).filter((d) => d.length > 0);

  return executeTx(db, async (tx) => {
    const access = await toolFor(tx, ctx.networkId, ctx.actor, toolId, ['meeting'], 'facilitate');
    const { project } = access;
    if (project.status === 'draft') throw new Problem(409, 'codesign.project_not_active');
    const districtIds = input.attendance.filter((a) => a.dimension === 'district').map((a) => a.value);
    if (districtIds.length > 0) {
      const known = new Set(
        (
          await tx
            .selectFrom('district')
            .select('id')
            .where('network_id', '=', ctx.networkId)
            .where(
              'id',
              'in',
              districtIds
                .filter((d) => /^[0-9a-f-]{36}$/.test(d))
                .concat(['00000000-0000-0000-0000-000000000000']),
            )
            .execute()
        ).map((d) => d.id),
      );
      const bad = input.attendance.findIndex((a) => a.dimension === 'district' && !known.has(a.value));
      if (bad >= 0) throw field(`/attendance/${bad}/value`, 'codesign.offline_attendance_value');
    }
    const values = {
      held_on: input.heldOn,
      place: input.place.trim(),
      facilitator: input.facilitator.trim(),
      people: input.people,
      notes: input.notes,
      decisions,
      updated_at: new Date(),
    };
    const existing = await tx
      .selectFrom('codesign_meeting')
      .select('id')
      .where('network_id', '=', ctx.networkId)
      .where('tool_id', '=', toolId)
      .forUpdate()
      .executeTakeFirst();
    let meetingId: string;
    if (existing) {
      meetingId = existing.id;
      await tx
        .updateTable('codesign_meeting')
        .set(values)
        .where('network_id', '=', ctx.networkId)
        .where('id', '=', meetingId)
        .execute();
      await tx
        .deleteFrom('codesign_meeting_attendance')
        .where('network_id', '=', ctx.networkId)
        .where('meeting_id', '=', meetingId)
        .execute();
    } else {
      const row = await tx
        .insertInto('codesign_meeting')
        .values({
          network_id: ctx.networkId,
          project_id: project.id,
          tool_id: toolId,
          recorded_by: ctx.actorId,
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      meetingId = row.id;
      await addToTimeline(tx, {
        networkId: ctx.networkId,
        projectId: project.id,
        kind: 'offline.meeting_recorded',
        actorId: ctx.actorId,
        subject: { type: 'codesign_tool', id: toolId },
        params: { title: access.tool.title, heldOn: input.heldOn, people: input.people },
      });
    }
    if (input.attendance.length > 0)
      await tx
        .insertInto('codesign_meeting_attendance')
        .values(
          input.attendance.map((a) => ({
            network_id: ctx.networkId,
            meeting_id: meetingId,
            dimension: a.dimension,
            value: a.value,
            people: a.people,
          })),
        )
        .execute();

    if (input.attendees) {
      const wanted = new Set(input.attendees);
      const present = await tx
        .selectFrom('codesign_meeting_attendee')
        .select(['participant_id', 'contribution_id'])
        .where('network_id', '=', ctx.networkId)
        .where('meeting_id', '=', meetingId)
        .execute();
      const gone = present.filter((p) => !wanted.has(p.participant_id)).map((p) => p.contribution_id);
      if (gone.length > 0)
        await tx
          .deleteFrom('codesign_contribution')
          .where('network_id', '=', ctx.networkId)
          .where('id', 'in', gone)
          .execute();
      const had = new Set(present.map((p) => p.participant_id));
      for (const participantId of wanted) {
        if (had.has(participantId)) continue;
        const c = await contribute(tx, ctx, access, 'attendance', { participantId, channel: 'meeting' });
        await tx
          .insertInto('codesign_meeting_attendee')
          .values({
            network_id: ctx.networkId,
            meeting_id: meetingId,
            participant_id: c.participantId,
            contribution_id: c.contributionId,
          })
          .execute();
      }
    }
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: existing ? 'codesign.meeting_changed' : 'codesign.meeting_recorded',
      entityType: 'codesign_meeting',
      entityId: meetingId,
      details: {
        projectId: project.id,
        toolId,
        role: enteredRoleOf(ctx, project.runningOrganisationIds),
        people: input.people,
        attendees: input.attendees?.length ?? null,
      },
      ip: ctx.ip,
    });
    return meetingId;
  });
}
