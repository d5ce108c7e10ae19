import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { ConfirmButton, Empty, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { commitmentKeys } from './queries.ts';
import {
  type Commitment,
  type CommitmentList,
  type Kind,
  kinds,
  type Options,
  type Status,
  statuses,
} from './types.ts';

/** Commitments per page: a project has few; the open ones come first. */
const pageSize = 50;

/**
 * /mitgestalten/projekte/:projectId/zusagen — what the project's partners promised to do: rooms,
 * things, shifts, time credits and tasks, grouped by how far they are, each with the live status of
 * what it links (a booking asked for or confirmed, shift places filled). Organisers and facilitators
 * make and change them here.
 */
export function CommitmentsPage() {
  const { t } = useTranslation();
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const list = useQuery({
    queryKey: commitmentKeys.list(projectId, offset),
    queryFn: () =>
      api<CommitmentList>(`/codesign/projects/${projectId}/commitments`, {
        query: { limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<Commitment | 'new' | null>(null);
  // a link from a notification or the home names one commitment: show it
  const wanted = params.get('zusage');
  const loaded = list.isSuccess;
  useEffect(() => {
    if (!wanted || !loaded) return;
    const card = document.getElementById(`zusage-${wanted}`);
    if (!card) return;
    card.scrollIntoView({ block: 'start' });
    card.focus();
  }, [wanted, loaded]);
  return (
    <div className="codesign-commitments">
      <QueryView query={list}>
        {(p) => (
          <>
            <PageHeading title={t('codesignCommitments.title')}>
              <p className="lead">
                <Link to={`/mitgestalten/projekte/${p.project.id}`}>{p.project.title}</Link>
              </p>
              <p>{t('codesignCommitments.lead')}</p>
            </PageHeading>
            {p.abilities.create && editing === null && (
              <div className="actions">
                <button type="button" className="button primary" onClick={() => setEditing('new')}>
                  {t('codesignCommitments.new')}
                </button>
              </div>
            )}
            {editing !== null && (
              <CommitmentForm
                projectId={p.project.id}
                existing={editing === 'new' ? null : editing}
                onClose={() => setEditing(null)}
              />
            )}
            {p.items.length === 0 ? (
              <Empty>{t('codesignCommitments.none')}</Empty>
            ) : (
              statuses.map((s) => {
                const items = p.items.filter((c) => c.status === s);
                if (items.length === 0) return null;
                return (
                  <section key={s} aria-labelledby={`zusagen-${s}`}>
                    <h2 id={`zusagen-${s}`}>
                      {t(`codesignCommitments.group.${s}`)} ({items.length})
                    </h2>
                    <ul className="card-list">
                      {items.map((c) => (
                        <CommitmentCard
                          key={c.id}
                          c={c}
                          projectId={p.project.id}
                          onEdit={() => setEditing(c)}
                        />
                      ))}
                    </ul>
                  </section>
                );
              })
            )}
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => setParams(o > 0 ? { ab: String(o) } : {})}
            />
          </>
        )}
      </QueryView>
    </div>
  );
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function Linked({ c }: { c: Commitment }) {
  const { t } = useTranslation();
  if (c.linkMissing && c.kind !== 'credits' && c.kind !== 'task')
    return <p className="meta">{t('codesignCommitments.linkMissing')}</p>;
  if (c.booking)
    return (
      <p className="meta">
        {c.booking.resourceTitle} · {formatDate(c.booking.startsAt, true)}–{time(c.booking.endsAt)} ·{' '}
        <strong className={`status status-${c.booking.status}`}>
          {t(`codesignCommitments.booking.${c.booking.status}`)}
        </strong>
      </p>
    );
  if (c.opportunity)
    return (
      <>
        <p className="meta">
          <Link to={`/mitmachen/${c.opportunity.id}`}>{c.opportunity.title}</Link>
        </p>
        {c.shifts.length > 0 && (
          <ul className="plain">
            {c.shifts.map((s) => (
              <li key={s.id}>
                {formatDate(s.startsAt, true)}–{time(s.endsAt)}:{' '}
                <strong>
                  {t('codesignCommitments.places', { filled: s.signedUp, capacity: s.capacity })}
                </strong>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  if (c.kind === 'credits' && c.minutes !== null)
    return (
      <p className="meta">
        {t('codesignCommitments.minutes', {
          count: c.minutes,
          hours: Math.round((c.minutes / 60) * 10) / 10,
        })}
        {' · '}
        {c.transfer
          ? t(`codesignCommitments.transfer.${c.transfer.status}`)
          : t('codesignCommitments.transfer.none')}
      </p>
    );
  return null;
}

function CommitmentCard({ c, projectId, onEdit }: { c: Commitment; projectId: string; onEdit: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const move = (status: Status) =>
    api(`/codesign/commitments/${c.id}/status`, { method: 'POST', body: { status } }).then(() =>
      qc.invalidateQueries({ queryKey: commitmentKeys.list(projectId) }),
    );
  const action = useAction();
  return (
    <li className="card" id={`zusage-${c.id}`} tabIndex={-1}>
      <h3>{c.title}</h3>
      <p className="meta">
        {t(`codesignCommitments.kind.${c.kind}`)}
        {c.owner && <> · {t('codesignCommitments.owner', { name: c.owner.name })}</>}
        {c.dueOn && (
          <>
            {' · '}
            <span className={c.overdue ? 'overdue' : undefined}>
              {c.overdue
                ? t('codesignCommitments.overdue', { date: formatDate(c.dueOn) })
                : t('codesignCommitments.due', { date: formatDate(c.dueOn) })}
            </span>
          </>
        )}
      </p>
      {c.measure && <p>{t('codesignCommitments.measure', { measure: c.measure })}</p>}
      <Linked c={c} />
      {c.note && <p>{c.note}</p>}
      {c.abilities.edit && (
        <div className="actions">
          <FormError error={action.error} />
          {c.status === 'planned' && (
            <button type="button" className="button" onClick={() => action.run(() => move('in_progress'))}>
              {t('codesignCommitments.start')}
            </button>
          )}
          {(c.status === 'planned' || c.status === 'in_progress') && (
            <button type="button" className="button" onClick={() => action.run(() => move('done'))}>
              {t('codesignCommitments.done')}
            </button>
          )}
          {(c.status === 'done' || c.status === 'dropped') && (
            <button type="button" className="button" onClick={() => action.run(() => move('planned'))}>
              {t('codesignCommitments.reopen')}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={onEdit}
            aria-label={t('codesignCommitments.editNamed', { title: c.title })}
          >
            {t('codesignCommitments.edit')}
          </button>
          {c.status !== 'dropped' && (
            <ConfirmButton
              label={t('codesignCommitments.drop')}
              accessibleName={t('codesignCommitments.dropNamed', { title: c.title })}
              title={t('codesignCommitments.dropTitle')}
              message={t('codesignCommitments.dropMessage', { title: c.title })}
              confirmLabel={t('codesignCommitments.drop')}
              onConfirm={() => move('dropped')}
              done={t('codesignCommitments.dropped')}
            />
          )}
        </div>
      )}
    </li>
  );
}

const localInput = (iso: string) => iso.slice(0, 10);

function CommitmentForm({
  projectId,
  existing,
  onClose,
}: {
  projectId: string;
  existing: Commitment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const options = useQuery({
    queryKey: commitmentKeys.options(projectId),
    queryFn: () => api<Options>(`/codesign/projects/${projectId}/commitments/options`),
  });
  const [kind, setKind] = useState<Kind>(existing?.kind ?? 'task');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [measure, setMeasure] = useState(existing?.measure ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [dueOn, setDueOn] = useState(existing?.dueOn ?? '');
  const [owner, setOwner] = useState(existing?.owner ? `${existing.owner.type}:${existing.owner.id}` : '');
  const [bookingId, setBookingId] = useState(existing?.booking?.id ?? '');
  const [resourceId, setResourceId] = useState('');
  const [day, setDay] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [opportunityId, setOpportunityId] = useState(existing?.opportunity?.id ?? '');
  const [shiftIds, setShiftIds] = useState<string[]>(existing?.shifts.map((s) => s.id) ?? []);
  const [minutes, setMinutes] = useState(existing?.minutes ? String(existing.minutes) : '');
  const action = useAction({ done: t('codesignCommitments.saved') });
  const o = options.data;
  const opportunity = o?.opportunities.find((x) => x.id === opportunityId);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const [ownerType, ownerId] = owner.split(':');
    const request = (kind === 'booking' || kind === 'loan') && !bookingId && resourceId;
    const body = {
      title,
      measure,
      note,
      dueOn: dueOn || null,
      owner: ownerType && ownerId ? { type: ownerType, id: ownerId } : null,
      ...(kind === 'booking' || kind === 'loan'
        ? request
          ? {
              bookingRequest: {
                resourceId,
                start: new Date(`${day}T${from}`).toISOString(),
                end: new Date(`${day}T${to}`).toISOString(),
              },
            }
          : { bookingId: bookingId || null }
        : {}),
      ...(kind === 'shifts' || kind === 'opportunity' ? { opportunityId: opportunityId || null } : {}),
      ...(kind === 'shifts' ? { shiftIds } : {}),
      ...(kind === 'credits' ? { minutes: minutes ? Number(minutes) : null } : {}),
    };
    const ok = await action.run(
      () =>
        request && (!day || !from || !to || to <= from)
          ? Promise.reject(
              invalid(t('codesignCommitments.form.whenTitle'), {
                ...(!day ? { day: t('codesignCommitments.form.whenMissing') } : {}),
                ...(!from ? { from: t('codesignCommitments.form.whenMissing') } : {}),
                ...(!to || to <= from ? { to: t('codesignCommitments.form.whenOrder') } : {}),
              }),
            )
          : existing
            ? api(`/codesign/commitments/${existing.id}`, {
                method: 'PUT',
                body: { ...body, baseUpdatedAt: existing.updatedAt },
              })
            : api(`/codesign/projects/${projectId}/commitments`, { method: 'POST', body: { kind, ...body } }),
      form,
    );
    if (ok) {
      await qc.invalidateQueries({ queryKey: commitmentKeys.list(projectId) });
      onClose();
    }
  }

  const ownerOptions = [
    { value: '', label: t('codesignCommitments.form.ownerDefault') },
    ...(o?.organisations ?? []).map((x) => ({ value: `organisation:${x.id}`, label: x.name })),
    ...(o?.people ?? []).map((x) => ({ value: `person:${x.id}`, label: x.name })),
  ];
  const when = (iso: string) => formatDate(iso, true);

  return (
    <section className="panel" aria-labelledby="commitment-form-title">
      <h2 id="commitment-form-title">
        {existing ? t('codesignCommitments.form.editTitle') : t('codesignCommitments.new')}
      </h2>
      <form onSubmit={submit} noValidate>
        <FormError
          error={action.error}
          fields={[
            'title',
            'day',
            'from',
            'to',
            'measure',
            'note',
            'dueOn',
            'owner',
            'bookingId',
            'bookingRequest',
            'opportunityId',
            'shiftIds',
            'minutes',
          ]}
        />
        {!existing && (
          <ChoiceGroup
            legend={t('codesignCommitments.form.kind')}
            name="kind"
            type="radio"
            options={kinds.map((k) => ({
              value: k,
              label: t(`codesignCommitments.kind.${k}`),
              hint: t(`codesignCommitments.kindHint.${k}`),
            }))}
            value={[kind]}
            onChange={(v) => v[0] && setKind(v[0])}
            error={action.error}
          />
        )}
        <TextField
          label={t('codesignCommitments.form.title')}
          name="title"
          serverField="title"
          required
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('codesignCommitments.form.measure')}
          hint={t('codesignCommitments.form.measureHint')}
          name="measure"
          serverField="measure"
          maxLength={2000}
          rows={3}
          value={measure}
          onChange={(e) => setMeasure(e.target.value)}
          error={action.error}
        />
        {(kind === 'booking' || kind === 'loan') && (
          <>
            <SelectField
              label={t('codesignCommitments.form.booking')}
              name="bookingId"
              serverField="bookingId"
              value={bookingId}
              onChange={(e) => setBookingId(e.target.value)}
              error={action.error}
              options={[
                { value: '', label: t('codesignCommitments.form.bookingNew') },
                ...(o?.bookings ?? [])
                  .filter((b) => (kind === 'loan' ? b.resourceKind !== 'room' : true))
                  .map((b) => ({
                    value: b.id,
                    label: `${b.resourceTitle} · ${when(b.startsAt)} · ${t(`codesignCommitments.booking.${b.status}`)}`,
                  })),
              ]}
            />
            {!bookingId && !existing && (
              <fieldset className="field">
                <legend>{t('codesignCommitments.form.requestLegend')}</legend>
                <SelectField
                  label={t('codesignCommitments.form.resource')}
                  name="resourceId"
                  serverField="bookingRequest/resourceId"
                  value={resourceId}
                  onChange={(e) => setResourceId(e.target.value)}
                  error={action.error}
                  options={[
                    { value: '', label: t('codesignCommitments.form.choose') },
                    ...(o?.resources ?? [])
                      .filter((r) => (kind === 'loan' ? r.kind !== 'room' : true))
                      .map((r) => ({ value: r.id, label: `${r.title} (${r.ownerName})` })),
                  ]}
                />
                <TextField
                  label={t('codesignCommitments.form.day')}
                  type="date"
                  name="day"
                  value={day}
                  onChange={(e) => setDay(e.target.value)}
                  error={action.error}
                />
                <TextField
                  label={t('codesignCommitments.form.from')}
                  type="time"
                  name="from"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                  error={action.error}
                />
                <TextField
                  label={t('codesignCommitments.form.to')}
                  type="time"
                  name="to"
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  error={action.error}
                />
              </fieldset>
            )}
          </>
        )}
        {(kind === 'shifts' || kind === 'opportunity') && (
          <SelectField
            label={t('codesignCommitments.form.opportunity')}
            name="opportunityId"
            serverField="opportunityId"
            value={opportunityId}
            onChange={(e) => {
              setOpportunityId(e.target.value);
              setShiftIds([]);
            }}
            error={action.error}
            options={[
              { value: '', label: t('codesignCommitments.form.choose') },
              ...(o?.opportunities ?? []).map((x) => ({ value: x.id, label: x.title })),
              ...(existing?.opportunity && !o?.opportunities.some((x) => x.id === existing.opportunity?.id)
                ? [{ value: existing.opportunity.id, label: existing.opportunity.title }]
                : []),
            ]}
          />
        )}
        {kind === 'shifts' && opportunity && (
          <ChoiceGroup
            legend={t('codesignCommitments.form.shifts')}
            name="shiftIds"
            serverField="shiftIds"
            type="checkbox"
            options={opportunity.shifts.map((s) => ({
              value: s.id,
              label: `${when(s.startsAt)}–${time(s.endsAt)}`,
              hint: t('codesignCommitments.places', { filled: s.signedUp, capacity: s.capacity }),
            }))}
            value={shiftIds}
            onChange={setShiftIds}
            error={action.error}
          />
        )}
        {kind === 'credits' && (
          <TextField
            label={t('codesignCommitments.form.minutes')}
            hint={t('codesignCommitments.form.minutesHint')}
            type="number"
            min={1}
            max={100000}
            name="minutes"
            serverField="minutes"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            error={action.error}
          />
        )}
        <SelectField
          label={t('codesignCommitments.form.owner')}
          hint={kind === 'task' ? t('codesignCommitments.form.ownerTaskHint') : undefined}
          name="owner"
          serverField="owner"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          error={action.error}
          options={ownerOptions.filter((x) => kind !== 'task' || !x.value.startsWith('organisation:'))}
        />
        <TextField
          label={t('codesignCommitments.form.dueOn')}
          type="date"
          name="dueOn"
          serverField="dueOn"
          value={dueOn ? localInput(dueOn) : ''}
          onChange={(e) => setDueOn(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('codesignCommitments.form.note')}
          name="note"
          serverField="note"
          maxLength={2000}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={action.error}
        />
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('codesignCommitments.form.save')}</SubmitButton>
          <button type="button" className="button" onClick={onClose}>
            {t('codesignCommitments.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
