import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { formatDate, QueryView } from '../../../app/ui.tsx';
import type { ToolPageProps } from '../tools.tsx';
import {
  ageBands,
  assistedPath,
  type Meeting,
  offlineKeys,
  paperPath,
  stakes,
  tallyPath,
  useAssisted,
  useDistrictList,
} from './data.ts';
import { TallyItems } from './TallyList.tsx';
import './offline.css';

type Dimension = 'district' | 'age_band' | 'stake' | 'language';
const dimensions: Dimension[] = ['stake', 'age_band', 'district', 'language'];

/**
 * A meeting tool's page: the record of the meeting (when, where, who led it, how many came by group —
 * small groups hidden from all but facilitators — notes and decisions), the tallies counted there,
 * and for facilitators the form to write or correct the record, the paper kit and tally entry.
 */
export default function MeetingToolPage({ projectId, toolId }: ToolPageProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const meeting = useQuery({
    queryKey: offlineKeys.meeting(toolId),
    queryFn: () => api<Meeting>(`/codesign/meetings/${encodeURIComponent(toolId)}`),
  });
  return (
    <QueryView query={meeting}>
      {(m) => (
        <div className="offline-meeting">
          {m.tool.may.facilitate && (
            <p className="actions">
              <Link className="button secondary" to={paperPath(projectId, toolId)}>
                {t('codesignOffline.kit.open')}
              </Link>
              <Link
                className="button secondary"
                to={`${tallyPath(projectId, toolId)}?treffen=${encodeURIComponent(toolId)}`}
              >
                {t('codesignOffline.tally.enter')}
              </Link>
              <Link className="button secondary" to={assistedPath(projectId)}>
                {t('codesignOffline.assisted.title')}
              </Link>
            </p>
          )}
          {editing || (!m.record && m.tool.may.facilitate) ? (
            <MeetingForm projectId={projectId} toolId={toolId} meeting={m} onDone={() => setEditing(false)} />
          ) : m.record ? (
            <>
              <Record meeting={m} />
              {m.tool.may.facilitate && (
                <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                  {t('codesignOffline.meeting.edit')}
                </button>
              )}
            </>
          ) : (
            <p className="state state-empty">{t('codesignOffline.meeting.none')}</p>
          )}
          <section aria-labelledby="meeting-tallies">
            <h2 id="meeting-tallies">{t('codesignOffline.meeting.tallies')}</h2>
            {m.tallies.length === 0 ? (
              <p className="state state-empty">{t('codesignOffline.tally.emptyMeeting')}</p>
            ) : (
              <TallyItems items={m.tallies} facilitate={m.tool.may.facilitate} />
            )}
          </section>
        </div>
      )}
    </QueryView>
  );
}

function groupLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  dimension: Dimension,
  value: string,
  label: string | null,
) {
  if (dimension === 'district') return label ?? t('codesignOffline.groups.unknownDistrict');
  if (dimension === 'age_band') return t(`codesignOffline.ageBand.${value}`);
  if (dimension === 'stake') return t(`codesignOffline.stake.${value}`);
  return t('codesignOffline.groups.languageIs', { code: value });
}

function Record({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const r = meeting.record!;
  return (
    <section aria-labelledby="meeting-record" className="card">
      <h2 id="meeting-record">{t('codesignOffline.meeting.record')}</h2>
      <dl className="offline-facts">
        <dt>{t('codesignOffline.meeting.heldOn')}</dt>
        <dd>{formatDate(r.heldOn)}</dd>
        <dt>{t('codesignOffline.meeting.place')}</dt>
        <dd>{r.place}</dd>
        <dt>{t('codesignOffline.meeting.facilitator')}</dt>
        <dd>{r.facilitator}</dd>
        <dt>{t('codesignOffline.meeting.people')}</dt>
        <dd>{r.people}</dd>
      </dl>
      {dimensions.map((d) => {
        const cells = r.attendance.filter((a) => a.dimension === d);
        if (cells.length === 0) return null;
        return (
          <table key={d} className="offline-table">
            <caption>{t(`codesignOffline.dimension.${d}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('codesignOffline.meeting.group')}</th>
                <th scope="col">{t('codesignOffline.meeting.count')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr key={c.value}>
                  <td>{groupLabel(t, d, c.value, c.label)}</td>
                  <td>{c.suppressed ? t('codesignOffline.meeting.few') : c.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {r.attendees.length > 0 && (
        <>
          <h3>{t('codesignOffline.meeting.attendees')}</h3>
          <ul>
            {r.attendees.map((a) => (
              <li key={a.participantId}>
                {a.name || t('codesignOffline.formerParticipant')}
                {a.assistedBy && ` (${t('codesignOffline.withSupportOf', { name: a.assistedBy })})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.notes && (
        <>
          <h3>{t('codesignOffline.meeting.notes')}</h3>
          <p className="offline-notes">{r.notes}</p>
        </>
      )}
      {r.decisions.length > 0 && (
        <>
          <h3>{t('codesignOffline.meeting.decisions')}</h3>
          <ul>
            {r.decisions.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list in its stored order; two decisions may read alike
              <li key={i}>{d}</li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">
        {t('codesignOffline.meeting.recordedBy', {
          who: r.recordedBy ?? t('codesignOffline.someone'),
          date: formatDate(r.updatedAt),
        })}
      </p>
    </section>
  );
}

interface Row {
  key: number;
  dimension: Dimension;
  value: string;
  people: string;
}
let rowKey = 0;

function MeetingForm({
  projectId,
  toolId,
  meeting,
  onDone,
}: {
  projectId: string;
  toolId: string;
  meeting: Meeting;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const r = meeting.record;
  const districts = useDistrictList();
  const people = useAssisted(projectId, { usable: true });
  const [heldOn, setHeldOn] = useState(r?.heldOn ?? new Date().toISOString().slice(0, 10));
  const [place, setPlace] = useState(r?.place ?? '');
  const [facilitator, setFacilitator] = useState(r?.facilitator ?? '');
  const [total, setTotal] = useState(r ? String(r.people) : '');
  const [rows, setRows] = useState<Row[]>(
    r?.attendance.map((a) => ({
      key: ++rowKey,
      dimension: a.dimension,
      value: a.value,
      people: String(a.people ?? 0),
    })) ?? [],
  );
  const [attendees, setAttendees] = useState<string[]>(r?.attendees.map((a) => a.participantId) ?? []);
  const [notes, setNotes] = useState(r?.notes ?? '');
  const [decisions, setDecisions] = useState(r?.decisions.join('\n') ?? '');
  const { pending, error, run } = useAction();

  const valuesOf = (d: Dimension) =>
    d === 'district'
      ? (districts.data ?? []).map((x) => ({ value: x.id, label: x.name }))
      : d === 'age_band'
        ? ageBands.map((a) => ({ value: a, label: t(`codesignOffline.ageBand.${a}`) }))
        : d === 'stake'
          ? stakes.map((s) => ({ value: s, label: t(`codesignOffline.stake.${s}`) }))
          : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run(
      () =>
        api<Meeting>(`/codesign/meetings/${encodeURIComponent(toolId)}`, {
          method: 'PUT',
          body: {
            heldOn,
            place: place.trim(),
            facilitator: facilitator.trim(),
            people: Number(total || 'NaN'),
            attendance: rows.map((x) => ({
              dimension: x.dimension,
              value: x.dimension === 'language' ? x.value.trim().toLowerCase() : x.value,
              people: Number(x.people || 'NaN'),
            })),
            attendees,
            notes,
            decisions: decisions
              .split('\n')
              .map((d) => d.trim())
              .filter(Boolean),
          },
        }),
      form.current,
      t('codesignOffline.meeting.saved'),
    );
    if (ok) {
      await qc.invalidateQueries({ queryKey: offlineKeys.meeting(toolId) });
      await qc.invalidateQueries({ queryKey: offlineKeys.assisted(projectId) });
      onDone();
    }
  }

  return (
    <section aria-labelledby="meeting-form" className="card">
      <h2 id="meeting-form">
        {r ? t('codesignOffline.meeting.editTitle') : t('codesignOffline.meeting.newTitle')}
      </h2>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError
          error={error}
          fields={[
            '/heldOn',
            '/place',
            '/facilitator',
            '/people',
            '/attendance',
            '/attendees',
            '/notes',
            '/decisions',
          ]}
        />
        <TextField
          label={t('codesignOffline.meeting.heldOn')}
          name="heldOn"
          type="date"
          required
          error={error}
          value={heldOn}
          onChange={(e) => setHeldOn(e.target.value)}
        />
        <TextField
          label={t('codesignOffline.meeting.place')}
          name="place"
          required
          maxLength={200}
          error={error}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
        />
        <TextField
          label={t('codesignOffline.meeting.facilitator')}
          name="facilitator"
          required
          maxLength={120}
          error={error}
          value={facilitator}
          onChange={(e) => setFacilitator(e.target.value)}
        />
        <TextField
          label={t('codesignOffline.meeting.people')}
          hint={t('codesignOffline.meeting.peopleHint')}
          name="people"
          type="number"
          inputMode="numeric"
          min={0}
          required
          error={error}
          value={total}
          onChange={(e) => setTotal(e.target.value)}
        />
        <fieldset className="field">
          <legend>{t('codesignOffline.meeting.byGroup')}</legend>
          <p className="hint">{t('codesignOffline.meeting.byGroupHint')}</p>
          {rows.map((x, i) => {
            const values = valuesOf(x.dimension);
            const set = (patch: Partial<Row>) =>
              setRows(rows.map((y) => (y.key === x.key ? { ...y, ...patch } : y)));
            return (
              <div key={x.key} className="offline-line">
                <SelectField
                  label={t('codesignOffline.meeting.dimensionN', { n: i + 1 })}
                  name={`attendance/${i}/dimension`}
                  error={error}
                  value={x.dimension}
                  onChange={(e) => set({ dimension: e.target.value as Dimension, value: '' })}
                  options={dimensions.map((d) => ({ value: d, label: t(`codesignOffline.dimension.${d}`) }))}
                />
                {x.dimension === 'language' ? (
                  <TextField
                    label={t('codesignOffline.meeting.groupN', { n: i + 1 })}
                    hint={t('codesignOffline.groups.languageHint')}
                    name={`attendance/${i}/value`}
                    maxLength={3}
                    error={error}
                    value={x.value}
                    onChange={(e) => set({ value: e.target.value })}
                  />
                ) : (
                  <SelectField
                    label={t('codesignOffline.meeting.groupN', { n: i + 1 })}
                    name={`attendance/${i}/value`}
                    error={error}
                    value={x.value}
                    onChange={(e) => set({ value: e.target.value })}
                    options={[{ value: '', label: t('codesignOffline.meeting.chooseGroup') }, ...values]}
                  />
                )}
                <TextField
                  label={t('codesignOffline.meeting.countN', { n: i + 1 })}
                  name={`attendance/${i}/people`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  error={error}
                  value={x.people}
                  onChange={(e) => set({ people: e.target.value })}
                />
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('codesignOffline.meeting.removeGroupN', { n: i + 1 })}
                  onClick={() => setRows(rows.filter((y) => y.key !== x.key))}
                >
                  {t('codesignOffline.meeting.removeGroup')}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button secondary"
            onClick={() => setRows([...rows, { key: ++rowKey, dimension: 'stake', value: '', people: '' }])}
          >
            {t('codesignOffline.meeting.addGroup')}
          </button>
        </fieldset>
        {people.data && people.data.items.length > 0 && (
          <ChoiceGroup
            legend={t('codesignOffline.meeting.attendees')}
            hint={t('codesignOffline.meeting.attendeesHint')}
            name="attendees"
            type="checkbox"
            value={attendees}
            onChange={setAttendees}
            error={error}
            options={people.data.items.map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <TextAreaField
          label={t('codesignOffline.meeting.notes')}
          name="notes"
          maxLength={10000}
          error={error}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        <TextAreaField
          label={t('codesignOffline.meeting.decisions')}
          hint={t('codesignOffline.meeting.decisionsHint')}
          name="decisions"
          error={error}
          value={decisions}
          onChange={(e) => setDecisions(e.target.value)}
        />
        <SubmitButton pending={pending}>{t('codesignOffline.meeting.save')}</SubmitButton>
        {r && (
          <button type="button" className="button secondary" onClick={onDone}>
            {t('codesignOffline.meeting.cancel')}
          </button>
        )}
      </form>
    </section>
  );
}
