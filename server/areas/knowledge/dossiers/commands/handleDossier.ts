import { type Executor, executeTx } from '../../../../db/tx.ts';
import type { CommandContext } from '../../../../http/context.ts';
import { forbidden, notFound, Problem } from '../../../../http/problem.ts';
import type { Locale } from '../../../../i18n/messages.ts';
import { t } from '../../../../i18n/messages.ts';
import { audit } from '../../../../platform/audit.ts';
import { recordInteraction } from '../../../../platform/interactions.ts';
import { sendMail } from '../../../../platform/mail.ts';
import { plainText } from '../../../../platform/markdown.ts';
import { type NewNotification, notificationInsert } from '../../../../platform/notifications.ts';
import { indexDocument } from '../../../../platform/search.ts';
import { webPaths } from '../../../../platform/webPaths.ts';
import { actsFor } from '../../../../policies/actor.ts';
import { dossierPolicy } from '../policies/dossier.ts';
import {
  accountsWithLocale,
  actorsFor,
  contributors,
  countItems,
  findDossier,
  findOrganisation,
  insertStep,
  lockDossier,
  markSent,
  setHandling,
} from '../repositories/dossiers.ts';

/** What sending needs beyond the request: where the network lives and whether mail goes out. */
export interface SendEnv {
  publicUrl: string;
  networkName: string;
  smtp: boolean;
  /** when it happened, if not now (the demo town's history) */
  at?: Date;
}

export type Recipient = { organisationId: string } | { email: string; name: string };

/** The day of a meeting as a person reads it: 14.01.2027, 14 Jan 2027. */
export function wordDay(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-');
  if (locale === 'de') return `${d}.${m}.${y}`;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** Puts a sent dossier into the network's search (a public record), or refreshes it. */
async function index(tx: Executor, networkId: string, id: string) {
  const d = await findDossier(tx, networkId, id);
  if (!d || d.status === 'draft') return;
  await indexDocument(tx, {
    networkId,
    type: 'dossier',
    entityType: 'dossier',
    entityId: id,
    title: d.title,
    body: plainText(`${d.summary}\n\n${d.answer ?? ''}`),
    keywords: [d.recipient_name, d.committee].filter(Boolean).join('\n'),
    link: webPaths.dossier(id),
  });
}

/** Who compiled it, to be told how it goes: the organisation's staff and admins, or whoever started a network dossier. */
async function compilers(
  tx: Executor,
  networkId: string,
  d: { organisation_id: string | null; created_by: string | null },
) {
  if (d.organisation_id) return actorsFor(tx, networkId, d.organisation_id);
  return d.created_by ? [d.created_by] : [];
}

/**
 * Sends a draft. Guarantees: only a draft with a summary and at least one piece of evidence goes;
 * it goes to exactly one recipient — a public body of the network (its staff and admins are
 * notified and find it in their inbox; the tie between the two organisations is recorded) or an
 * address outside (an email with the links to its public page and its PDF, in the outbox of the
 * same transaction). From then on the dossier is a public record, in the search, and unchangeable;
 * everyone behind its evidence is told where it went.
 */
export async function sendDossier(
  db: Executor,
  ctx: CommandContext,
  id: string,
  to: Recipient,
  env: SendEnv,
) {
  await executeTx(db, async (tx) => {
    const d = await lockDossier(tx, ctx.networkId, id);
    if (!d || !dossierPolicy.view(ctx.actor, d)) throw notFound();
    if (!dossierPolicy.compile(ctx.actor, d)) throw forbidden();
    if (d.status !== 'draft') throw new Problem(409, 'dossiers.not_draft');
    const full = await findDossier(tx, ctx.networkId, id);
    if (!full) throw notFound();
    if (full.summary.trim() === '') throw new Problem(422, 'dossiers.needs_summary');
    if ((await countItems(tx, ctx.networkId, id)) === 0) throw new Problem(422, 'dossiers.needs_evidence');

    let recipientName: string;
    if ('organisationId' in to) {
      const org = await findOrganisation(tx, ctx.networkId, to.organisationId);
      if (org?.kind !== 'public_body')
        throw new Problem(422, 'validation', {
          fields: [{ field: '/organisationId', code: 'dossiers.not_public_body' }],
        });
      recipientName = org.name;
      await markSent(tx, ctx.networkId, id, { organisationId: org.id, email: null, name: org.name }, env.at);
    } else {
      recipientName = to.name;
      await markSent(tx, ctx.networkId, id, { organisationId: null, email: to.email, name: to.name }, env.at);
    }
    await insertStep(tx, ctx.networkId, id, 'sent', ctx.actorId, { at: env.at });
    await index(tx, ctx.networkId, id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action: 'dossier.sent',
      entityType: 'dossier',
      entityId: id,
      details: 'organisationId' in to ? { organisationId: to.organisationId } : { email: to.email },
      ip: ctx.ip,
    });

    const sender = full.organisation_name ?? env.networkName;
    const link = webPaths.dossier(id);
    const notes: NewNotification[] = [];
    if ('organisationId' in to) {
      for (const accountId of await actorsFor(tx, ctx.networkId, to.organisationId))
        if (accountId !== ctx.actorId)
          notes.push({
            networkId: ctx.networkId,
            accountId,
            kind: 'dossier.arrived',
            params: { title: full.title, sender },
            link,
          });
      if (full.organisation_id)
        await recordInteraction(tx, {
          networkId: ctx.networkId,
          area: 'knowledge',
          kind: 'dossier',
          mode: 'online',
          a: { type: 'organisation', id: full.organisation_id },
          b: { type: 'organisation', id: to.organisationId },
          source: { type: 'dossier', id },
        });
    } else {
      const pageUrl = `${env.publicUrl}${link}`;
      const pdfUrl = `${env.publicUrl}/api/v1/dossiers/${id}/pdf`;
      const params = {
        title: full.title,
        sender,
        network: env.networkName,
        recipient: to.name,
        link: pageUrl,
        pdf: pdfUrl,
      };
      await sendMail(
        tx,
        {
          networkId: ctx.networkId,
          to: to.email,
          subject: t(ctx.locale, 'email.dossier.sent.subject', params),
          text: t(ctx.locale, 'email.dossier.sent.body', params),
        },
        env.smtp,
      );
    }
    for (const accountId of await contributors(tx, ctx.networkId, id))
      if (accountId !== ctx.actorId)
        notes.push({
          networkId: ctx.networkId,
          accountId,
          kind: 'dossier.sent',
          params: { title: full.title, recipient: recipientName },
          link,
        });
    await notificationInsert(tx, notes)?.execute();
  });
}

export type Step =
  | { step: 'received' }
  | { step: 'on_agenda'; committee: string; date: string }
  | { step: 'answered'; answer: string };

/** From which states each step may be recorded: received once; the agenda (or a new date) until the answer; the answer once. */
const allowedFrom = {
  received: ['sent'],
  on_agenda: ['sent', 'received', 'on_agenda'],
  answered: ['sent', 'received', 'on_agenda'],
} as const;

/**
 * Records a step of a sent dossier's handling: received, on the agenda of a committee on a date,
 * answered. Guarantees: only the receiving body's staff and admins record it — for a body outside
 * the network the compilers do, on its behalf (marked so in the history); steps follow each other
 * (409 otherwise) and the answer is final; each step is a row of the history with who and when, and
 * audited; everyone behind the evidence and the compilers are told (the answer with its own kind).
 */
export async function recordStep(db: Executor, ctx: CommandContext, id: string, s: Step, at?: Date) {
  await executeTx(db, async (tx) => {
    const d = await lockDossier(tx, ctx.networkId, id);
    if (!d || !dossierPolicy.view(ctx.actor, d)) throw notFound();
    const handler =
      d.recipient_organisation_id !== null
        ? actsFor(ctx.actor, d.recipient_organisation_id)
        : d.recipient_email !== null && dossierPolicy.compile(ctx.actor, d);
    if (!handler || d.status === 'draft') throw forbidden();
    if (!(allowedFrom[s.step] as readonly string[]).includes(d.status))
      throw new Problem(409, 'dossiers.step_order', { params: { status: d.status } });

    if (s.step === 'received') await setHandling(tx, ctx.networkId, id, { status: 'received' });
    else if (s.step === 'on_agenda')
      await setHandling(tx, ctx.networkId, id, {
        status: 'on_agenda',
        committee: s.committee,
        agendaDate: s.date,
      });
    else await setHandling(tx, ctx.networkId, id, { status: 'answered', answer: s.answer });
    await insertStep(tx, ctx.networkId, id, s.step, ctx.actorId, {
      ...(s.step === 'on_agenda' ? { committee: s.committee, agendaDate: s.date } : {}),
      onBehalf: d.recipient_organisation_id === null,
      at,
    });
    if (s.step === 'answered') await index(tx, ctx.networkId, id);
    await audit(tx, {
      networkId: ctx.networkId,
      actorId: ctx.actorId,
      action:
        s.step === 'received'
          ? 'dossier.received'
          : s.step === 'on_agenda'
            ? 'dossier.on_agenda'
            : 'dossier.answered',
      entityType: 'dossier',
      entityId: id,
      details: s.step === 'on_agenda' ? { committee: s.committee, date: s.date } : {},
      ip: ctx.ip,
    });

    const full = await findDossier(tx, ctx.networkId, id);
    if (!full) throw notFound();
    const people = new Set([
      ...(await contributors(tx, ctx.networkId, id)),
      ...(await compilers(tx, ctx.networkId, full)),
    ]);
    people.delete(ctx.actorId);
    const recipient = full.recipient_name ?? '';
    const link = webPaths.dossier(id);
    const notes: NewNotification[] = (await accountsWithLocale(tx, ctx.networkId, [...people])).map((a) => {
      const base = { networkId: ctx.networkId, accountId: a.id, link };
      if (s.step === 'on_agenda')
        return {
          ...base,
          kind: 'dossier.on_agenda',
          params: { title: full.title, committee: s.committee, when: wordDay(s.date, a.locale) },
        };
      return {
        ...base,
        kind: s.step === 'received' ? 'dossier.received' : 'dossier.answered',
        params: { title: full.title, recipient },
      };
    });
    await notificationInsert(tx, notes)?.execute();
  });
}
