import type { CodesignChannel } from '../../../../db/schema.ts';
import type { Executor } from '../../../../db/tx.ts';

export interface Contributor {
  participantId: string;
  /** the account's name, or the name a person without an account chose */
  name: string;
  channel: CodesignChannel;
  /** the staff member who entered it for them ("mit Unterstützung von …") */
  assistedBy: string | null;
}

/**
 * Who made each of the given contributions and how, for showing them (ContributorView): one query for
 * a page of ideas, comments or stances. A person whose account is gone shows as the empty name, which
 * the client words ("ehemalige Teilnehmerin / ehemaliger Teilnehmer").
 */
export async function contributorsOf(
  db: Executor,
  networkId: string,
  contributionIds: readonly string[],
): Promise<Map<string, Contributor>> {
  if (contributionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('codesign_contribution as c')
    .innerJoin('codesign_participant as p', (j) =>
      j.onRef('p.network_id', '=', 'c.network_id').onRef('p.id', '=', 'c.participant_id'),
    )
    .leftJoin('account as a', (j) =>
      j.onRef('a.network_id', '=', 'p.network_id').onRef('a.id', '=', 'p.account_id'),
    )
    .leftJoin('account as e', (j) =>
      j.onRef('e.network_id', '=', 'c.network_id').onRef('e.id', '=', 'c.entered_by'),
    )
    .select([
      'c.id',
      'c.participant_id',
      'c.channel',
      'a.display_name as account_name',
      'p.display_name',
      'e.display_name as entered_name',
      'c.entered_role',
    ])
    .where('c.network_id', '=', networkId)
    .where('c.id', 'in', contributionIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        participantId: r.participant_id,
        name: r.account_name ?? r.display_name ?? '',
        channel: r.channel,
        assistedBy: r.entered_role ? (r.entered_name ?? '') : null,
      },
    ]),
  );
}
