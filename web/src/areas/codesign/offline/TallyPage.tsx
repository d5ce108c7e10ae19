import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import { offlineKeys, type Tallies, type Tally, toolPath } from './data.ts';
import { TallyItems } from './TallyList.tsx';
import './offline.css';

/**
 * /mitgestalten/projekte/:projectId/werkzeuge/:toolId/auszaehlung — a facilitator types in the totals
 * of a paper poster or a show of hands for a tool, with where they came from; the tool's tallies below,
 * and a CSV of them.
 */
export default function TallyPage() {
  const { projectId = '', toolId = '' } = useParams();
  const { t } = useTranslation();
  const tallies = useQuery({
    queryKey: offlineKeys.tallies(toolId),
    queryFn: () => api<Tallies>(`/codesign/tools/${encodeURIComponent(toolId)}/tallies`),
  });
  return (
    <>
      <PageHeading title={t('codesignOffline.tally.title')}>
        <p className="lead">{t('codesignOffline.tally.lead')}</p>
        <p>
          <Link to={toolPath(projectId, toolId)}>{t('codesignOffline.kit.back')}</Link>
        </p>
      </PageHeading>
      <QueryView query={tallies}>
        {(d) => (
          <>
            <p className="offline-tool-name">{d.tool.title}</p>
            {d.tool.may.facilitate && <TallyForm toolId={toolId} />}
            <section aria-labelledby="tallies-list">
              <h2 id="tallies-list">{t('codesignOffline.tally.listTitle')}</h2>
              {d.items.length === 0 ? (
                <p className="state state-empty">{t('codesignOffline.tally.empty')}</p>
              ) : (
                <>
                  <TallyItems items={d.items} facilitate={d.tool.may.facilitate} />
                  <p>
                    <a href={apiUrl(`/codesign/tools/${encodeURIComponent(toolId)}/tallies.csv`)} download>
                      {t('codesignOffline.tally.csv')}
                    </a>
                  </p>
                </>
              )}
            </section>
          </>
        )}
      </QueryView>
    </>
  );
}

interface Line {
  key: number;
  label: string;
  count: string;
}

let lineKey = 0;
const newLine = (): Line => ({ key: ++lineKey, label: '', count: '' });

function TallyForm({ toolId }: { toolId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [channel, setChannel] = useState<'paper' | 'meeting'>('paper');
  const [people, setPeople] = useState('');
  const [note, setNote] = useState('');
  const [params] = useSearchParams();
  const meetingToolId = params.get('treffen') ?? '';
  const [lines, setLines] = useState<Line[]>([newLine(), newLine()]);
  const { pending, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run(
      () =>
        api<Tally>(`/codesign/tools/${encodeURIComponent(toolId)}/tallies`, {
          method: 'POST',
          body: {
            channel,
            people: Number(people || 'NaN'),
            note: note.trim(),
            meetingToolId: meetingToolId || null,
            counts: lines
              .filter((l) => l.label.trim() || l.count)
              .map((l) => ({ label: l.label.trim(), count: Number(l.count || 'NaN') })),
          },
        }),
      form.current,
      t('codesignOffline.tally.saved'),
    );
    if (ok) {
      setPeople('');
      setNote('');
      setLines([newLine(), newLine()]);
      await qc.invalidateQueries({ queryKey: offlineKeys.tallies() });
      await qc.invalidateQueries({ queryKey: offlineKeys.meeting() });
    }
  }
  return (
    <section aria-labelledby="tally-add" className="card">
      <h2 id="tally-add">{t('codesignOffline.tally.addTitle')}</h2>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={error} fields={['/people', '/channel', '/note', '/counts', '/meetingToolId']} />
        <ChoiceGroup
          legend={t('codesignOffline.tally.channel')}
          name="channel"
          type="radio"
          value={[channel]}
          onChange={(v) => setChannel(v[0] ?? 'paper')}
          error={error}
          options={[
            { value: 'paper', label: t('codesignOffline.tally.fromPaper') },
            { value: 'meeting', label: t('codesignOffline.tally.fromHands') },
          ]}
        />
        <TextField
          label={t('codesignOffline.tally.people')}
          name="people"
          type="number"
          inputMode="numeric"
          min={0}
          required
          error={error}
          value={people}
          onChange={(e) => setPeople(e.target.value)}
        />
        <fieldset className="field">
          <legend>{t('codesignOffline.tally.counts')}</legend>
          <p className="hint">{t('codesignOffline.tally.countsHint')}</p>
          {lines.map((l, i) => (
            <div key={l.key} className="offline-line">
              <TextField
                label={t('codesignOffline.tally.optionN', { n: i + 1 })}
                name={`counts/${i}/label`}
                maxLength={200}
                error={error}
                value={l.label}
                onChange={(e) =>
                  setLines(lines.map((x) => (x.key === l.key ? { ...x, label: e.target.value } : x)))
                }
              />
              <TextField
                label={t('codesignOffline.tally.countN', { n: i + 1 })}
                name={`counts/${i}/count`}
                type="number"
                inputMode="numeric"
                min={0}
                error={error}
                value={l.count}
                onChange={(e) =>
                  setLines(lines.map((x) => (x.key === l.key ? { ...x, count: e.target.value } : x)))
                }
              />
              {lines.length > 1 && (
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('codesignOffline.tally.removeLineN', { n: i + 1 })}
                  onClick={() => setLines(lines.filter((x) => x.key !== l.key))}
                >
                  {t('codesignOffline.tally.removeLine')}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button secondary" onClick={() => setLines([...lines, newLine()])}>
            {t('codesignOffline.tally.addLine')}
          </button>
        </fieldset>
        {meetingToolId && <p className="hint">{t('codesignOffline.tally.atMeeting')}</p>}
        <TextAreaField
          label={t('codesignOffline.tally.note')}
          name="note"
          maxLength={1000}
          rows={2}
          error={error}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <SubmitButton pending={pending}>{t('codesignOffline.tally.save')}</SubmitButton>
      </form>
    </section>
  );
}
