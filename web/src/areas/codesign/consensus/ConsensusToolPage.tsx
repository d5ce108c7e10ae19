import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { ConfirmButton, Empty, formatDate, Pagination, QueryView } from '../../../app/ui.tsx';
import { OnBehalfField } from '../offline/OnBehalfField.tsx';
import type { OnBehalf, ToolPageProps } from '../tools.tsx';
import type { ToolHeaderView } from '../types.ts';
import './consensus.css';
import {
  type CodesignOutcome,
  type CodesignStance,
  consensusKeys,
  outcomeKinds,
  type Proposal,
  type ProposalPage,
  type ProposalResult,
  type StancePage,
  stanceKinds,
} from './types.ts';

const pageSize = 10;
const stancePageSize = 20;
/** how often an open proposal's tally is fetched again while the page is open */
const liveEveryMs = 5_000;

/** "2026-12-06T14:30" in the reader's time zone, for a datetime-local field. */
function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function todayInput() {
  return localInput(new Date()).slice(0, 10);
}

/** The tally as bars with the numbers written out, so it reads without the picture. */
function TallyChart({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const id = useId();
  const { tally } = p;
  return (
    <figure className="consensus-tally" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {t('codesignConsensus.tally.caption', { count: tally.total })}
      </figcaption>
      <ul>
        {stanceKinds.map((s) => {
          const n = tally[s];
          const share = tally.total === 0 ? 0 : Math.round((n / tally.total) * 100);
          return (
            <li key={s} className={`consensus-tally-row stance-${s}`}>
              <span className="consensus-tally-label">{t(`codesignConsensus.tally.${s}`)}</span>
              <span className="consensus-tally-bar" aria-hidden="true">
                <span style={{ inlineSize: `${share}%` }} />
              </span>
              <span className="consensus-tally-count">
                {t('codesignConsensus.tally.count', { count: n, share })}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** The four big buttons: take or change one's stance, with an optional reason; withdraw it. */
function StanceForm({ p, tool, projectId }: { p: Proposal; tool: ToolHeaderView; projectId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const [reason, setReason] = useState(p.mine?.reason ?? '');
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const mine = onBehalf ? null : p.mine;

  const refresh = async (r: ProposalResult) => {
    await qc.invalidateQueries({ queryKey: consensusKeys.proposals(r.tool.id) });
    await qc.invalidateQueries({ queryKey: consensusKeys.stances(p.id) });
  };
  const take = (stance: CodesignStance) =>
    void action.run(
      async () => {
        const r = await api<ProposalResult>(`/codesign/consensus/proposals/${p.id}/stance`, {
          method: 'PUT',
          body: { stance, reason: reason.trim(), ...(onBehalf ? { onBehalf } : {}) },
        });
        await refresh(r);
      },
      form.current,
      t('codesignConsensus.stance.done', { stance: t(`codesignConsensus.stance.${stance}.label`) }),
    );
  const submit = (e: FormEvent) => e.preventDefault();

  return (
    <form
      ref={form}
      className="consensus-stance"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-legend`}
    >
      <h4 id={`${id}-legend`}>
        {onBehalf ? t('codesignConsensus.stance.titleFor') : t('codesignConsensus.stance.title')}
      </h4>
      {tool.may.facilitate && <OnBehalfField projectId={projectId} value={onBehalf} onChange={setOnBehalf} />}
      {mine && (
        <p className="consensus-mine">
          {t('codesignConsensus.stance.yours', {
            stance: t(`codesignConsensus.stance.${mine.stance}.label`),
          })}
        </p>
      )}
      <FormError error={action.error} fields={['reason', 'stance']} />
      <TextAreaField
        label={t('codesignConsensus.stance.reason')}
        hint={t('codesignConsensus.stance.reasonHint')}
        name="reason"
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={action.error}
      />
      <div className="consensus-choices">
        {stanceKinds.map((s) => (
          <button
            key={s}
            type="button"
            className={`consensus-choice stance-${s}`}
            aria-pressed={mine?.stance === s}
            aria-describedby={`${id}-${s}-hint`}
            disabled={action.pending}
            onClick={() => take(s)}
          >
            <span className="consensus-choice-label">
              {mine?.stance === s && <span aria-hidden="true">✓ </span>}
              {t(`codesignConsensus.stance.${s}.label`)}
            </span>
            <span className="consensus-choice-hint" id={`${id}-${s}-hint`}>
              {t(`codesignConsensus.stance.${s}.hint`)}
            </span>
          </button>
        ))}
      </div>
      {(mine || onBehalf) && (
        <div className="actions">
          <ConfirmButton
            className="button secondary"
            label={t('codesignConsensus.stance.withdraw')}
            title={t('codesignConsensus.stance.withdrawTitle')}
            message={<p>{t('codesignConsensus.stance.withdrawText')}</p>}
            confirmLabel={t('codesignConsensus.stance.withdrawConfirm')}
            onConfirm={async () => {
              const r = await api<ProposalResult>(`/codesign/consensus/proposals/${p.id}/stance/withdraw`, {
                method: 'POST',
                body: onBehalf ? { onBehalf } : {},
              });
              setReason('');
              await refresh(r);
            }}
            done={t('codesignConsensus.stance.withdrawn')}
          />
        </div>
      )}
    </form>
  );
}

/** Who took which stance and why, blocks first (the project's participants and facilitators see it). */
function Stances({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const id = useId();
  const stances = useQuery({
    queryKey: consensusKeys.stances(p.id, offset),
    queryFn: () =>
      api<StancePage>(`/codesign/consensus/proposals/${p.id}/stances`, {
        query: { limit: stancePageSize, offset },
      }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  if (!p.namesVisible || p.tally.total === 0) return null;
  return (
    <div className="consensus-stances">
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={() => setOpen(!open)}
      >
        {open
          ? t('codesignConsensus.stances.hide')
          : t('codesignConsensus.stances.show', { count: p.tally.total })}
      </button>
      <div id={`${id}-list`} hidden={!open}>
        {open && (
          <QueryView
            query={stances}
            isEmpty={(s) => s.total === 0}
            empty={t('codesignConsensus.stances.none')}
          >
            {(s) => (
              <>
                <ul className="consensus-stance-list">
                  {s.items.map((x) => (
                    <li key={x.participantId}>
                      <strong>{x.name || t('codesignConsensus.formerParticipant')}</strong>
                      {': '}
                      <span className={`stance-pill stance-${x.stance}`}>
                        {t(`codesignConsensus.tally.${x.stance}`)}
                      </span>
                      {x.assistedBy !== null && (
                        <span className="meta">
                          {' · '}
                          {t('codesignConsensus.assistedBy', { name: x.assistedBy })}
                        </span>
                      )}
                      {x.reason && <p className="consensus-reason">{x.reason}</p>}
                    </li>
                  ))}
                </ul>
                <Pagination total={s.total} limit={s.limit} offset={s.offset} onOffset={setOffset} />
              </>
            )}
          </QueryView>
        )}
      </div>
    </div>
  );
}

function OutcomeForm({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [outcome, setOutcome] = useState<CodesignOutcome[]>(p.outcome ? [p.outcome.outcome] : []);
  const [statement, setStatement] = useState(p.outcome?.statement ?? '');
  const [reviewOn, setReviewOn] = useState(p.outcome?.reviewOn ?? '');
  const action = useAction({ done: t('codesignConsensus.outcome.saved') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api(`/codesign/consensus/proposals/${p.id}/outcome`, {
        method: 'PUT',
        body: { outcome: outcome[0], statement: statement.trim(), reviewOn: reviewOn || null },
      });
      await qc.invalidateQueries({ queryKey: consensusKeys.proposals(p.toolId) });
    }, form.current);
  }
  return (
    <form ref={form} className="card consensus-outcome-form" onSubmit={submit} noValidate>
      <h4>{p.outcome ? t('codesignConsensus.outcome.change') : t('codesignConsensus.outcome.write')}</h4>
      <FormError error={action.error} fields={['outcome', 'statement', 'reviewOn']} />
      <ChoiceGroup
        legend={t('codesignConsensus.outcome.kind')}
        name="outcome"
        type="radio"
        options={outcomeKinds.map((o) => ({ value: o, label: t(`codesignConsensus.outcome.${o}`) }))}
        value={outcome}
        onChange={setOutcome}
        error={action.error}
      />
      <TextAreaField
        label={t('codesignConsensus.outcome.statement')}
        hint={t('codesignConsensus.outcome.statementHint')}
        name="statement"
        required
        rows={4}
        maxLength={5000}
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
        error={action.error}
      />
      <TextField
        label={t('codesignConsensus.outcome.reviewOn')}
        hint={t('codesignConsensus.outcome.reviewOnHint')}
        name="reviewOn"
        type="date"
        min={todayInput()}
        value={reviewOn}
        onChange={(e) => setReviewOn(e.target.value)}
        error={action.error}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('codesignConsensus.outcome.save')}</SubmitButton>
      </div>
    </form>
  );
}

function ReviewForm({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [note, setNote] = useState('');
  const action = useAction({ done: t('codesignConsensus.review.saved') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api(`/codesign/consensus/proposals/${p.id}/reviewed`, {
        method: 'POST',
        body: { note: note.trim() },
      });
      await qc.invalidateQueries({ queryKey: consensusKeys.proposals(p.toolId) });
    }, form.current);
  }
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate>
      <h4>{t('codesignConsensus.review.title')}</h4>
      <FormError error={action.error} fields={['note']} />
      <TextAreaField
        label={t('codesignConsensus.review.note')}
        hint={t('codesignConsensus.review.noteHint')}
        name="note"
        rows={3}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={action.error}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('codesignConsensus.review.save')}</SubmitButton>
      </div>
    </form>
  );
}

function Outcome({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const o = p.outcome;
  if (!o) return null;
  const due = o.reviewOn !== null && o.reviewOn <= todayInput() && !o.reviewedAt;
  return (
    <section
      className={`consensus-outcome outcome-${o.outcome}`}
      aria-label={t('codesignConsensus.outcome.title')}
    >
      <h4>
        {t('codesignConsensus.outcome.title')}: {t(`codesignConsensus.outcome.${o.outcome}`)}
      </h4>
      <p className="consensus-statement">{o.statement}</p>
      <p className="meta">
        {t('codesignConsensus.outcome.by', {
          name: o.by || t('codesignConsensus.formerParticipant'),
          date: formatDate(o.at),
        })}
      </p>
      {o.reviewOn && (
        <p className={due ? 'notice' : 'meta'}>
          {o.reviewedAt
            ? t('codesignConsensus.review.done', { date: formatDate(o.reviewedAt) })
            : due
              ? t('codesignConsensus.review.due', { date: formatDate(o.reviewOn) })
              : t('codesignConsensus.review.planned', { date: formatDate(o.reviewOn) })}
        </p>
      )}
      {o.reviewNote && <p className="consensus-statement">{o.reviewNote}</p>}
    </section>
  );
}

function ProposalCard({ p, tool, projectId }: { p: Proposal; tool: ToolHeaderView; projectId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const headingId = `vorschlag-${p.id}`;
  const canStance = p.open && (tool.may.participate || tool.may.facilitate);
  const blocks = p.blocks;
  return (
    <li className="card consensus-proposal" aria-labelledby={headingId}>
      <h3 id={headingId}>{p.title}</h3>
      <p className="meta">
        {p.open
          ? t('codesignConsensus.openUntil', { date: formatDate(p.closesAt, true) })
          : t('codesignConsensus.closedAt', { date: formatDate(p.closesAt, true) })}
      </p>
      {p.body && <p className="consensus-body">{p.body}</p>}
      <TallyChart p={p} />
      {blocks.length > 0 && (
        <section className="consensus-blocks" aria-label={t('codesignConsensus.blocks.title')}>
          <h4>{t('codesignConsensus.blocks.title')}</h4>
          <ul>
            {blocks.map((b) => (
              <li key={b.participantId}>
                <strong>{b.name || t('codesignConsensus.formerParticipant')}</strong>
                {b.assistedBy !== null && (
                  <span className="meta"> · {t('codesignConsensus.assistedBy', { name: b.assistedBy })}</span>
                )}
                <p className="consensus-reason">{b.reason || t('codesignConsensus.blocks.noReason')}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canStance && <StanceForm p={p} tool={tool} projectId={projectId} />}
      {!p.open && !p.outcome && <p className="notice">{t('codesignConsensus.awaitingOutcome')}</p>}
      {p.open && !canStance && tool.open && <p className="notice">{t('codesignConsensus.joinToVote')}</p>}
      <Stances p={p} />
      <Outcome p={p} />
      {tool.may.facilitate && (
        <div className="consensus-facilitate">
          {p.open && (
            <ConfirmButton
              className="button secondary"
              label={t('codesignConsensus.close')}
              accessibleName={t('codesignConsensus.closeOf', { title: p.title })}
              title={t('codesignConsensus.closeTitle')}
              message={<p>{t('codesignConsensus.closeText', { title: p.title })}</p>}
              confirmLabel={t('codesignConsensus.closeConfirm')}
              onConfirm={async () => {
                await api(`/codesign/consensus/proposals/${p.id}/close`, { method: 'POST' });
                await qc.invalidateQueries({ queryKey: consensusKeys.proposals(p.toolId) });
              }}
              done={t('codesignConsensus.closed')}
            />
          )}
          {!p.open && <OutcomeForm p={p} />}
          {p.outcome?.reviewOn && !p.outcome.reviewedAt && p.outcome.reviewOn <= todayInput() && (
            <ReviewForm p={p} />
          )}
        </div>
      )}
    </li>
  );
}

function NewProposalForm({ toolId, onCreated }: { toolId: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 7 * 86_400_000)));
  const action = useAction({ done: t('codesignConsensus.create.done') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      const when = new Date(closesAt);
      await api(`/codesign/consensus/tools/${toolId}/proposals`, {
        method: 'POST',
        body: {
          title: title.trim(),
          body: body.trim(),
          closesAt: Number.isNaN(when.getTime()) ? closesAt : when.toISOString(),
        },
      });
      setTitle('');
      setBody('');
      await qc.invalidateQueries({ queryKey: consensusKeys.proposals(toolId) });
      onCreated();
    }, form.current);
  }
  return (
    <details className="consensus-new">
      <summary className="button primary">{t('codesignConsensus.create.open')}</summary>
      <form ref={form} className="card" onSubmit={submit} noValidate>
        <h3>{t('codesignConsensus.create.title')}</h3>
        <FormError error={action.error} fields={['title', 'body', 'closesAt']} />
        <TextField
          label={t('codesignConsensus.create.name')}
          hint={t('codesignConsensus.create.nameHint')}
          name="title"
          required
          minLength={3}
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('codesignConsensus.create.body')}
          hint={t('codesignConsensus.create.bodyHint')}
          name="body"
          rows={5}
          maxLength={10000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={action.error}
        />
        <TextField
          label={t('codesignConsensus.create.closesAt')}
          hint={t('codesignConsensus.create.closesAtHint')}
          name="closesAt"
          type="datetime-local"
          required
          value={closesAt}
          onChange={(e) => setClosesAt(e.target.value)}
          error={action.error}
        />
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('codesignConsensus.create.submit')}</SubmitButton>
        </div>
      </form>
    </details>
  );
}

/**
 * A consensus tool (under /mitgestalten/projekte/:projectId/werkzeuge/:toolId): its proposals, each
 * with its live tally as a chart with the numbers written out, who blocked and why, the reader's four
 * big stance buttons while it is open, and — for facilitators — a new proposal, closing early, the
 * outcome with a review date and the review noted as done.
 */
export default function ConsensusToolPage({ projectId, toolId }: ToolPageProps) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const proposals = useQuery({
    queryKey: consensusKeys.proposals(toolId, offset),
    queryFn: () =>
      api<ProposalPage>(`/codesign/consensus/tools/${toolId}/proposals`, {
        query: { limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
    // the tally updates live while a proposal is open
    refetchInterval: (q) => (q.state.data?.items.some((p) => p.open) ? liveEveryMs : false),
  });
  return (
    <section className="consensus" aria-labelledby="consensus-title">
      <h2 id="consensus-title">{t('codesignConsensus.title')}</h2>
      <p className="hint">{t('codesignConsensus.intro')}</p>
      <QueryView query={proposals}>
        {(page) => (
          <>
            {page.tool.may.facilitate && page.tool.project.status === 'active' && (
              <NewProposalForm toolId={toolId} onCreated={() => setOffset(0)} />
            )}
            {page.total === 0 ? (
              <Empty>
                {page.tool.may.facilitate
                  ? t('codesignConsensus.emptyFacilitator')
                  : t('codesignConsensus.empty')}
              </Empty>
            ) : (
              <ul className="consensus-list">
                {page.items.map((p) => (
                  <ProposalCard key={p.id} p={p} tool={page.tool} projectId={projectId} />
                ))}
              </ul>
            )}
            <Pagination total={page.total} limit={page.limit} offset={page.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
