import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, TextAreaField, TextField, useAction } from '../../../app/forms.tsx';
import { ConfirmButton, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import { OnBehalfField } from '../offline/OnBehalfField.tsx';
import type { OnBehalf } from '../tools.tsx';
import { votesKeys } from './queries.ts';
import type { Vote, VoteOption } from './types.ts';
import './votes.css';

/** A tool's vote: as the reader, or (a facilitator entering for someone) as that participant. */
export function useVote(toolId: string, onBehalf: OnBehalf | null) {
  const participantId = onBehalf?.participantId;
  return useQuery({
    queryKey: votesKeys.vote(toolId, participantId ?? 'me'),
    queryFn: () => api<Vote>(`/codesign/votes/${toolId}`, { query: { participantId } }),
  });
}

/** Puts a fresh answer in the cache and lets the other views of the tool reload. */
export function useStoreVote(toolId: string) {
  const qc = useQueryClient();
  return async (v: Vote, onBehalf: OnBehalf | null) => {
    qc.setQueryData(votesKeys.vote(toolId, onBehalf?.participantId ?? 'me'), v);
    await qc.invalidateQueries({
      queryKey: votesKeys.vote(toolId),
      predicate: (q) => q.queryKey[3] !== (onBehalf?.participantId ?? 'me'),
    });
  };
}

/** For facilitators: whose vote they are entering (the offline part's field), and a line saying so. */
export function EnterFor({
  vote,
  projectId,
  value,
  onChange,
}: {
  vote: Vote;
  projectId: string;
  value: OnBehalf | null;
  onChange: (v: OnBehalf | null) => void;
}) {
  const { t } = useTranslation();
  if (!vote.tool.may.facilitate || !vote.tool.open) return null;
  return (
    <div className="votes-behalf">
      <OnBehalfField projectId={projectId} value={value} onChange={onChange} />
      {value && <p className="hint">{t('codesignVotes.forSomeone')}</p>}
    </div>
  );
}

/** Why one cannot vote here now, in plain words; null when one can. */
export function NotNow({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  if (!vote.tool.open)
    return (
      <p className="votes-note">{t(vote.tool.closesAt ? 'codesignVotes.closed' : 'codesignVotes.notOpen')}</p>
    );
  if (!vote.tool.may.participate && !vote.tool.may.facilitate)
    return <p className="votes-note">{t('codesignVotes.signInToVote')}</p>;
  return null;
}

/**
 * The result as bars with the numbers written beside them (no information by length alone), the same
 * as a table, and — where people said which group they belong to — by group, small groups hidden.
 */
export function Results({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const ranking = vote.ranking !== null;
  const sorted = [...vote.options].sort((a, b) => b.total - a.total || a.position - b.position);
  const max = Math.max(1, ...sorted.map((o) => o.total));
  const figure = (o: VoteOption) =>
    ranking
      ? [
          t('codesignVotes.results.pointsN', { count: o.total }),
          t('codesignVotes.results.firstsN', { count: o.firsts ?? 0 }),
          t('codesignVotes.results.chosenBy', { count: o.people }),
        ].join(', ')
      : `${t('codesignVotes.results.dotsN', { count: o.total })} ${t('codesignVotes.results.fromPeople', { count: o.people })}`;
  const title = (id: string) => vote.options.find((o) => o.id === id)?.title ?? '';
  return (
    <section className="card votes-results" aria-labelledby="votes-results">
      <h2 id="votes-results">{t('codesignVotes.results.title')}</h2>
      <p>
        {t('codesignVotes.results.voters', { count: vote.voters })}{' '}
        {ranking && t('codesignVotes.results.bordaHint', { places: vote.ranking?.places ?? 0 })}
      </p>
      {vote.options.length === 0 ? (
        <p>{t('codesignVotes.noOptions')}</p>
      ) : (
        <ol className="votes-bars">
          {sorted.map((o) => (
            <li key={o.id}>
              <span className="votes-bar-label">{o.title}</span>
              <span className="votes-bar-track" aria-hidden="true">
                <span className="votes-bar" style={{ width: `${(o.total / max) * 100}%` }} />
              </span>
              <span className="votes-bar-figure">{figure(o)}</span>
            </li>
          ))}
        </ol>
      )}
      {vote.options.length > 0 && (
        <details>
          <summary>{t('codesignVotes.results.asTable')}</summary>
          <ScrollRegion label={t('codesignVotes.results.asTable')}>
            <table>
              <caption className="visually-hidden">{t('codesignVotes.results.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('codesignVotes.results.option')}</th>
                  <th scope="col">
                    {t(ranking ? 'codesignVotes.results.points' : 'codesignVotes.results.dots')}
                  </th>
                  {ranking && <th scope="col">{t('codesignVotes.results.firsts')}</th>}
                  <th scope="col">{t('codesignVotes.results.people')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{o.title}</th>
                    <td>{o.total}</td>
                    {ranking && <td>{o.firsts ?? 0}</td>}
                    <td>{o.people}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      )}
      {vote.byGroup.length > 0 && vote.options.length > 0 && (
        <details>
          <summary>{t('codesignVotes.results.byGroup')}</summary>
          <p className="hint">{t('codesignVotes.results.smallCells')}</p>
          <ScrollRegion label={t('codesignVotes.results.byGroup')}>
            <table>
              <caption className="visually-hidden">{t('codesignVotes.results.byGroup')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('codesignVotes.results.option')}</th>
                  {vote.byGroup.map((g) => (
                    <th scope="col" key={g.group ?? 'none'}>
                      {t(`codesignVotes.groups.${g.group ?? 'none'}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {vote.options.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">{title(o.id)}</th>
                    {vote.byGroup.map((g) => {
                      const c = g.cells.find((x) => x.optionId === o.id);
                      return (
                        <td key={g.group ?? 'none'}>
                          {c?.suppressed
                            ? t('codesignVotes.results.few')
                            : t('codesignVotes.results.cell', { count: c?.people ?? 0 })}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </details>
      )}
    </section>
  );
}

function OptionEditor({
  o,
  toolId,
  done,
}: {
  o: VoteOption;
  toolId: string;
  done: (v: Vote) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(o.title);
  const [description, setDescription] = useState(o.description);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignVotes.options.saved') });
  const qc = useQueryClient();
  function save(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await done(
        await api<Vote>(`/codesign/votes/options/${o.id}`, { method: 'PUT', body: { title, description } }),
      );
      setEditing(false);
    }, form.current);
  }
  if (editing)
    return (
      <form ref={form} onSubmit={save} noValidate className="votes-option-form">
        <FormError error={action.error} fields={['title', 'description']} />
        <TextField
          label={t('codesignVotes.options.titleLabel')}
          name="title"
          value={title}
          maxLength={120}
          required
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('codesignVotes.options.descriptionLabel')}
          name="description"
          value={description}
          maxLength={500}
          rows={2}
          onChange={(e) => setDescription(e.target.value)}
          error={action.error}
        />
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
          <button type="button" className="button secondary" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    );
  return (
    <div className="actions">
      <button
        type="button"
        className="button secondary"
        aria-label={t('codesignVotes.options.editOf', { title: o.title })}
        onClick={() => setEditing(true)}
      >
        {t('codesignVotes.options.edit')}
      </button>
      <ConfirmButton
        label={t('codesignVotes.options.remove')}
        accessibleName={t('codesignVotes.options.removeOf', { title: o.title })}
        title={t('codesignVotes.options.removeTitle')}
        message={<p>{t('codesignVotes.options.removeText', { title: o.title })}</p>}
        confirmLabel={t('codesignVotes.options.removeConfirm')}
        onConfirm={async () => {
          await api(`/codesign/votes/options/${o.id}`, { method: 'DELETE' });
          await qc.invalidateQueries({ queryKey: votesKeys.vote(toolId) });
        }}
        done={t('codesignVotes.options.removed')}
      />
    </div>
  );
}

/** For facilitators: the options of the vote — add, change, remove. */
export function OptionsEditor({ vote, toolId }: { vote: Vote; toolId: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignVotes.options.added') });
  const qc = useQueryClient();
  const store = async (v: Vote) => {
    qc.setQueryData(votesKeys.vote(toolId, 'me'), v);
    await qc.invalidateQueries({ queryKey: votesKeys.vote(toolId) });
  };
  if (!vote.tool.may.facilitate) return null;
  function add(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await store(
        await api<Vote>(`/codesign/votes/${toolId}/options`, {
          method: 'POST',
          body: { title, description },
        }),
      );
      setTitle('');
      setDescription('');
    }, form.current);
  }
  return (
    <section className="card" aria-labelledby="votes-options">
      <h2 id="votes-options">{t('codesignVotes.options.title')}</h2>
      <p className="hint">{t('codesignVotes.options.hint')}</p>
      {vote.options.length > 0 && (
        <ul className="votes-option-admin">
          {vote.options.map((o) => (
            <li key={o.id}>
              <strong>{o.title}</strong>
              {o.description && <span> – {o.description}</span>}
              <OptionEditor o={o} toolId={toolId} done={store} />
            </li>
          ))}
        </ul>
      )}
      <ImportIdeas toolId={toolId} done={store} />
      <form ref={form} onSubmit={add} noValidate className="votes-option-form">
        <h3>{t('codesignVotes.options.add')}</h3>
        <FormError error={action.error} fields={['title', 'description']} />
        <TextField
          label={t('codesignVotes.options.titleLabel')}
          name="title"
          value={title}
          maxLength={120}
          required
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('codesignVotes.options.descriptionLabel')}
          name="description"
          value={description}
          maxLength={500}
          rows={2}
          hint={t('codesignVotes.options.descriptionHint')}
          onChange={(e) => setDescription(e.target.value)}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('codesignVotes.options.addButton')}</SubmitButton>
      </form>
    </section>
  );
}

/**
 * "Ideen übernehmen": the project's ideas become options — those marked for the decide phase, or all
 * of them; one taken over before is skipped. The server reads them from the project itself.
 */
function ImportIdeas({ toolId, done }: { toolId: string; done: (v: Vote) => Promise<void> }) {
  const { t } = useTranslation();
  const [selectedOnly, setSelectedOnly] = useState(true);
  const action = useAction({ done: t('codesignVotes.options.imported') });
  return (
    <div className="votes-import">
      <h3>{t('codesignVotes.options.importTitle')}</h3>
      <p className="hint">{t('codesignVotes.options.importHint')}</p>
      <label className="check">
        <input type="checkbox" checked={selectedOnly} onChange={(e) => setSelectedOnly(e.target.checked)} />
        <span>{t('codesignVotes.options.importSelectedOnly')}</span>
      </label>
      <FormError error={action.error} />
      <button
        type="button"
        className="button secondary"
        disabled={action.pending}
        onClick={() =>
          void action.run(async () =>
            done(
              await api<Vote>(`/codesign/votes/${toolId}/options/import`, {
                method: 'POST',
                body: { selectedOnly },
              }),
            ),
          )
        }
      >
        {t('codesignVotes.options.importButton')}
      </button>
    </div>
  );
}

/**
 * The page of a vote, dots or ranking alike: why it takes no votes now, whose vote a facilitator
 * enters, the kind's own way of voting (`children`), the results, the options editor and the
 * privacy note.
 */
export function VoteFrame({
  projectId,
  toolId,
  children,
}: {
  projectId: string;
  toolId: string;
  children: (vote: Vote, onBehalf: OnBehalf | null) => ReactNode;
}) {
  const { t } = useTranslation();
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const query = useVote(toolId, onBehalf);
  return (
    <div className="votes-page">
      <QueryView query={query}>
        {(vote) => (
          <>
            <NotNow vote={vote} />
            <EnterFor vote={vote} projectId={projectId} value={onBehalf} onChange={setOnBehalf} />
            {children(vote, onBehalf)}
            <Results vote={vote} />
            <OptionsEditor vote={vote} toolId={toolId} />
            <p className="hint">{t('codesignVotes.privacy')}</p>
          </>
        )}
      </QueryView>
    </div>
  );
}
