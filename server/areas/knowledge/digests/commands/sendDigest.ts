import type { Kysely } from 'kysely';
import type { Config } from '../../../../config.ts';
import type { DB } from '../../../../db/schema.ts';
import { type Locale, type MessageKey, t } from '../../../../i18n/messages.ts';
import { localDate, localParts, networkTimeZone } from '../../../../platform/localTime.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { webPaths } from '../area.ts';
import { thingPaths } from '../links.ts';
import { type DigestItems, gatherDigest, itemCount, organisationsOf } from '../repositories/digestItems.ts';
import { claimDigestDay, dueAccounts, recordDigest, unsubscribeToken } from '../repositories/settings.ts';

/**
 * The digest run (every 30 minutes): from 07:00 in the network's local time it takes everyone whose
 * daily digest — or weekly one, on their weekday — has not been made today, and for each, in one
 * transaction: claims the local day in knowledge_digest_log (the key refuses a second claim, so two
 * servers running at once make one email), gathers what is new since the last digest in what the
 * person follows and may see, and writes one email in their language to the outbox — none if nothing
 * is new. So nobody ever gets more than one digest a day, whatever runs twice.
 */

/** Local time from which the day's digests go out (minutes after midnight). */
export const digestHour = 7 * 60;
const batch = 100;
const settleMs = 60_000;

export async function runDigests(db: Kysely<DB>, networkId: string, config: Config, now = new Date()) {
  const local = localParts(now);
  if (local.minutes < digestHour) return { sent: 0 };
  const day = localDate(now);
  const tried = new Set<string>();
  const failed: unknown[] = [];
  let sent = 0;
  for (;;) {
    const due = (await dueAccounts(db, networkId, { day, weekday: local.weekday }, batch)).filter(
      (id) => !tried.has(id),
    );
    if (due.length === 0) break;
    for (const accountId of due) {
      tried.add(accountId);
      try {
        if (await sendDigest(db, networkId, accountId, config, now)) sent++;
      } catch (err) {
        // one person's failure (rolled back, so tried again next run) holds up nobody else's digest
        failed.push(err);
      }
    }
  }
  if (failed.length > 0)
    throw new AggregateError(
      failed,
      `${failed.length} of ${tried.size} digests failed; ${sent} were written`,
    );
  return { sent };
}

/** Makes one person's digest for the local day of `now`; true if an email was written. */
export async function sendDigest(
  db: Kysely<DB>,
  networkId: string,
  accountId: string,
  config: Config,
  now = new Date(),
): Promise<boolean> {
  const day = localDate(now);
  return db.transaction().execute(async (tx) => {
    if (!(await claimDigestDay(tx, networkId, accountId, day))) return false;
    const person = await tx
      .selectFrom('account as a')
      .innerJoin('knowledge_digest_setting as s', (j) =>
        j.onRef('s.network_id', '=', 'a.network_id').onRef('s.account_id', '=', 'a.id'),
      )
      .innerJoin('network as n', 'n.id', 'a.network_id')
      .select([
        'a.email',
        'a.display_name',
        'a.locale',
        'a.blocked_at',
        's.frequency',
        's.covered_until',
        'n.name as network',
      ])
      .where('a.network_id', '=', networkId)
      .where('a.id', '=', accountId)
      .executeTakeFirst();
    if (!person || person.blocked_at || person.frequency === 'off') return false;
    const since = person.covered_until;
    // a post written in a transaction still open now carries an earlier time than its commit: the
    // last minute waits for the next digest, so nothing falls between two
    const until = new Date(now.getTime() - settleMs);
    const items = await gatherDigest(
      tx,
      networkId,
      { accountId, organisationIds: await organisationsOf(tx, networkId, accountId) },
      since,
      until,
    );
    const count = itemCount(items);
    await recordDigest(tx, networkId, accountId, day, count, until);
    if (count === 0) return false;
    const token = await unsubscribeToken(tx, networkId, accountId);
    const base = config.publicUrl;
    const oneClick = `${base}/api/v1/digest/unsubscribe?token=${encodeURIComponent(token)}`;
    const page = `${base}${webPaths.digestUnsubscribe(token)}`;
    const locale = person.locale;
    const frequency = person.frequency === 'weekly' ? 'weekly' : 'daily';
    await sendMail(
      tx,
      {
        networkId,
        to: person.email,
        subject: t(locale, `digest.subject.${frequency}`, {
          network: person.network,
          date: formatDay(now, locale),
        }),
        text: digestText(items, {
          locale,
          name: person.display_name,
          network: person.network,
          since: formatSince(since, locale),
          frequency,
          base,
          unsubscribe: page,
        }),
        secrets: [token],
        // RFC 8058 asks for an https URI; on a server without one, the link to the confirming page
        headers: base.startsWith('https://')
          ? { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : { 'List-Unsubscribe': `<${page}>` },
      },
      Boolean(config.smtpUrl),
    );
    return true;
  });
}

function formatDay(d: Date, locale: Locale) {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: networkTimeZone,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).format(d);
}

function formatSince(d: Date, locale: Locale) {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: networkTimeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** The email's text: a section per kind of news, each thing with its link, and the footer. */
export function digestText(
  items: DigestItems,
  o: {
    locale: Locale;
    name: string;
    network: string;
    since: string;
    frequency: 'daily' | 'weekly';
    base: string;
    unsubscribe: string;
  },
): string {
  const tr = (key: MessageKey, params: Record<string, string | number> = {}) => t(o.locale, key, params);
  const sections: string[] = [];
  const section = (heading: MessageKey, lines: { text: string; path: string }[]) => {
    if (lines.length === 0) return;
    sections.push(
      [
        tr(heading),
        '-'.repeat(tr(heading).length),
        ...lines.map((l) => `• ${l.text}\n  ${o.base}${l.path}`),
      ].join('\n'),
    );
  };
  section(
    'digest.section.threads',
    items.threads.map((x) => ({
      text: tr(x.newPosts === 1 ? 'digest.item.thread.one' : 'digest.item.thread.other', {
        title: x.title,
        count: x.newPosts,
      }),
      path: thingPaths.discussionThread(x.id),
    })),
  );
  section(
    'digest.section.news',
    items.news.map((x) => ({
      text: tr('digest.item.news', { title: x.title, organisation: x.organisation }),
      path: thingPaths.newsPost(x.id),
    })),
  );
  section(
    'digest.section.reports',
    items.reports.map((x) => ({
      text: tr('digest.item.report', {
        title: x.title,
        status: tr(`digest.report_status.${x.status}` as MessageKey),
      }),
      path: thingPaths.mapReport(x.id),
    })),
  );
  section('digest.section.districts', [
    ...items.districtThreads.map((x) => ({
      text: tr('digest.item.district_thread', { title: x.title, district: x.district }),
      path: thingPaths.discussionThread(x.id),
    })),
    ...items.districtReports.map((x) => ({
      text: tr('digest.item.district_report', { title: x.title, district: x.district }),
      path: thingPaths.mapReport(x.id),
    })),
  ]);
  section(
    'digest.section.wiki',
    items.wikiPages.map((x) => ({
      text: tr(x.revisions === 1 ? 'digest.item.wiki.one' : 'digest.item.wiki.other', {
        title: x.title,
        count: x.revisions,
      }),
      path: thingPaths.wikiPage(x.id),
    })),
  );
  return [
    tr('digest.greeting', { name: o.name, since: o.since, network: o.network }),
    ...sections,
    `-- \n${tr('digest.footer', {
      frequency: tr(`digest.frequency.${o.frequency}`),
      preferences: `${o.base}${webPaths.followPreferences()}`,
      unsubscribe: o.unsubscribe,
    })}`,
  ].join('\n\n');
}
