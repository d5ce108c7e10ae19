import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatDateTime } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { Empty, PageHeading, Pagination, QueryView, ScrollRegion, Tags } from '../../app/ui.tsx';
import { TagInput } from '../../features/profile/TagInput.tsx';
import { ParticipationNav, useCoordinatedOrganisations } from './common.tsx';
import type { PlaybookChannel, PlaybookDiff, PlaybookRevision, PlaybookRevisionSummary } from './types.ts';

function useCanEdit() {
  const { session } = useSession();
  const mine = useCoordinatedOrganisations();
  return mine.length > 0 || Boolean(session.account?.isInstanceAdmin);
}

function usePlaybookPage(id: string | undefined, revision?: number) {
  return useQuery({
    queryKey: ['playbook', id, revision ?? 'current'],
    queryFn: () =>
      api<PlaybookRevision>(
        revision ? `/playbook/pages/${id}/revisions/${revision}` : `/playbook/pages/${id}`,
      ),
    enabled: Boolean(id),
  });
}

/** Plain text with blank lines as paragraphs and "- " lines as a list; nothing is rendered as HTML. */
function Body({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/).filter((b) => b.trim());
  return (
    <div className="playbook-body">
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        const key = `${i}-${b.slice(0, 20)}`;
        if (lines.every((l) => l.startsWith('- ')))
          return (
            <ul key={key}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the text is rendered whole; lines may repeat
                <li key={`${j}-${l}`}>{l.slice(2)}</li>
              ))}
            </ul>
          );
        const listStart = lines.findIndex((l) => l.startsWith('- '));
        if (listStart > 0 && lines.slice(listStart).every((l) => l.startsWith('- ')))
          return (
            <div key={key}>
              <p className="prewrap">{lines.slice(0, listStart).join('\n')}</p>
              <ul>
                {lines.slice(listStart).map((l, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the text is rendered whole; lines may repeat
                  <li key={`${j}-${l}`}>{l.slice(2)}</li>
                ))}
              </ul>
            </div>
          );
        return (
          <p key={key} className="prewrap">
            {b}
          </p>
        );
      })}
    </div>
  );
}

function Byline({ r }: { r: Pick<PlaybookRevision, 'author' | 'organisation' | 'createdAt'> }) {
  const { t } = useTranslation();
  return (
    <>
      {t('participation.playbook.by', {
        name: r.author?.name ?? t('participation.playbook.unknownAuthor'),
        when: formatDateTime(r.createdAt),
      })}
      {r.organisation && ` · ${r.organisation.name}`}
    </>
  );
}

/** /mitmachen/praxis — the playbook shared by all organisations: what worked, which channel reached whom. */
export function PlaybookListPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('thema') ?? '';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState(q);
  const list = useQuery({
    queryKey: ['playbook', 'list', q, tag, offset],
    queryFn: () =>
      api<Page<PlaybookRevision>>('/playbook/pages', {
        query: { q: q || undefined, tag: tag || undefined, limit: 10, offset },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeading title={t('participation.playbook.title')}>
        <p className="lead">{t('participation.playbook.lead')}</p>
      </PageHeading>
      <ParticipationNav />
      {canEdit && (
        <p>
          <Link className="button secondary" to="/mitmachen/praxis/neu">
            {t('participation.playbook.create')}
          </Link>
        </p>
      )}
      <search>
        <form
          className="inline-search"
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            if (draft.trim()) next.set('q', draft.trim());
            if (tag) next.set('thema', tag);
            setParams(next);
          }}
        >
          <TextField
            label={t('participation.playbook.search')}
            name="q"
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button primary">
            {t('participation.filters.apply')}
          </button>
        </form>
      </search>
      {tag && (
        <p>
          {t('participation.playbook.tagFilter', { tag })}{' '}
          <button type="button" className="button secondary" onClick={() => setParams(q ? { q } : {})}>
            {t('participation.filters.reset')}
          </button>
        </p>
      )}
      <section id="playbook-results" tabIndex={-1} aria-labelledby="playbook-results-title">
        <h2 id="playbook-results-title" className="visually-hidden">
          {t('participation.playbook.results')}
        </h2>
        <QueryView
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={q || tag ? t('participation.playbook.noMatch') : t('participation.playbook.none')}
        >
          {(p) => (
            <>
              <p role="status">{t('participation.playbook.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((r) => (
                  <li key={r.pageId} className="card">
                    <h3>
                      <Link to={`/mitmachen/praxis/${r.pageId}`}>{r.title}</Link>
                    </h3>
                    <p className="meta">
                      <Byline r={r} /> ·{' '}
                      {t('participation.playbook.revisionCount', { count: r.currentRevision })}
                    </p>
                    <ul className="tags" aria-label={t('participation.playbook.tags')}>
                      {r.tags.map((x) => (
                        <li key={x} className="tag">
                          <Link to={`/mitmachen/praxis?thema=${encodeURIComponent(x)}`}>{x}</Link>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
              <Pagination
                total={p.total}
                limit={p.limit}
                offset={p.offset}
                onOffset={(o) => {
                  const next = new URLSearchParams(params);
                  if (o > 0) next.set('ab', String(o));
                  else next.delete('ab');
                  setParams(next);
                  document.getElementById('playbook-results')?.focus();
                }}
              />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}

function Channels({ channels }: { channels: PlaybookChannel[] }) {
  const { t } = useTranslation();
  if (channels.length === 0) return null;
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t('participation.playbook.channels')}</h2>
      <ScrollRegion label={t('participation.playbook.channels')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('participation.playbook.channel')}</th>
              <th scope="col">{t('participation.playbook.reached')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={`${c.channel}-${c.reached}`}>
                <th scope="row">{c.channel}</th>
                <td>{c.reached}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** /mitmachen/praxis/:id (?version=n for an earlier revision) */
export function PlaybookPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || undefined;
  const page = usePlaybookPage(id, version);
  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={r.title}>
            <p className="meta">
              <Byline r={r} />
            </p>
          </PageHeading>
          <ParticipationNav />
          {r.revision !== r.currentRevision && (
            <p className="notice">
              {t('participation.playbook.oldRevision', { revision: r.revision, current: r.currentRevision })}{' '}
              <Link to={`/mitmachen/praxis/${r.pageId}`}>{t('participation.playbook.toCurrent')}</Link>
            </p>
          )}
          <div className="actions">
            {r.abilities.edit && r.revision === r.currentRevision && (
              <Link className="button primary" to={`/mitmachen/praxis/${r.pageId}/bearbeiten`}>
                {t('participation.playbook.edit')}
              </Link>
            )}
            <Link className="button secondary" to={`/mitmachen/praxis/${r.pageId}/versionen`}>
              {t('participation.playbook.revisions', { count: r.currentRevision })}
            </Link>
          </div>
          <Tags items={r.tags} label={t('participation.playbook.tags')} />
          <Body text={r.body} />
          <Channels channels={r.channels} />
        </>
      )}
    </QueryView>
  );
}

function PlaybookForm({ existing }: { existing?: PlaybookRevision }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mine = useCoordinatedOrganisations();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [tags, setTags] = useState<string[]>(existing?.tags ?? []);
  const [channels, setChannels] = useState<PlaybookChannel[]>(existing?.channels ?? []);
  const [summary, setSummary] = useState('');
  const [organisationId, setOrganisationId] = useState(
    existing?.organisation && mine.some((m) => m.organisationId === existing.organisation?.id)
      ? existing.organisation.id
      : (mine[0]?.organisationId ?? ''),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      const payload = {
        title: title.trim(),
        body,
        tags,
        channels: channels
          .map((c) => ({ channel: c.channel.trim(), reached: c.reached.trim() }))
          .filter((c) => c.channel || c.reached),
        summary: summary.trim(),
        organisationId: organisationId || null,
      };
      const r = existing
        ? await api<PlaybookRevision>(`/playbook/pages/${existing.pageId}`, {
            method: 'PUT',
            body: { ...payload, baseRevision: existing.currentRevision },
          })
        : await api<PlaybookRevision>('/playbook/pages', { method: 'POST', body: payload });
      await qc.invalidateQueries({ queryKey: ['playbook'] });
      navigate(`/mitmachen/praxis/${r.pageId}`);
    }, form.current);
  }

  return (
    <form ref={form} className="card" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={['title', 'body', 'tags', 'channels', 'summary', 'organisationId']}
      />
      <TextField
        label={t('participation.playbook.pageTitle')}
        name="title"
        required
        minLength={3}
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <TextAreaField
        label={t('participation.playbook.body')}
        name="body"
        rows={12}
        hint={t('participation.playbook.bodyHint')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={action.error}
      />
      <TagInput
        label={t('participation.playbook.tags')}
        name="tags"
        values={tags}
        onChange={setTags}
        error={action.error}
      />
      <fieldset>
        <legend>{t('participation.playbook.channels')}</legend>
        <p className="hint">{t('participation.playbook.channelsHint')}</p>
        {channels.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
          <div className="field-row channel-row" key={i}>
            <TextField
              label={t('participation.playbook.channelN', { n: i + 1 })}
              name={`channel-${i}`}
              maxLength={120}
              value={c.channel}
              onChange={(e) =>
                setChannels(channels.map((x, j) => (j === i ? { ...x, channel: e.target.value } : x)))
              }
              error={action.error}
              serverField={`channels/${i}/channel`}
            />
            <TextField
              label={t('participation.playbook.reachedN', { n: i + 1 })}
              name={`reached-${i}`}
              maxLength={300}
              value={c.reached}
              onChange={(e) =>
                setChannels(channels.map((x, j) => (j === i ? { ...x, reached: e.target.value } : x)))
              }
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => setChannels(channels.filter((_, j) => j !== i))}
            >
              {t('participation.playbook.removeChannel', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button secondary"
          onClick={() => setChannels([...channels, { channel: '', reached: '' }])}
        >
          {t('participation.playbook.addChannel')}
        </button>
      </fieldset>
      {mine.length > 0 && (
        <SelectField
          label={t('participation.playbook.organisation')}
          name="organisationId"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          options={[
            { value: '', label: t('participation.playbook.noOrganisation') },
            ...mine.map((m) => ({ value: m.organisationId, label: m.name })),
          ]}
          error={action.error}
        />
      )}
      {existing && (
        <TextField
          label={t('participation.playbook.summary')}
          name="summary"
          maxLength={300}
          hint={t('participation.playbook.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={action.error}
        />
      )}
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
        <Link to={existing ? `/mitmachen/praxis/${existing.pageId}` : '/mitmachen/praxis'}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

export function PlaybookCreatePage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  return (
    <>
      <PageHeading title={t('participation.playbook.createTitle')} />
      <ParticipationNav />
      {canEdit ? <PlaybookForm /> : <Empty>{t('participation.playbook.notAllowed')}</Empty>}
    </>
  );
}

export function PlaybookEditPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = usePlaybookPage(id);
  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={t('participation.playbook.editTitle', { title: r.title })} />
          <ParticipationNav />
          {r.abilities.edit ? (
            <PlaybookForm existing={r} />
          ) : (
            <Empty>{t('participation.playbook.notAllowed')}</Empty>
          )}
        </>
      )}
    </QueryView>
  );
}

function DiffView({ pageId, from, to }: { pageId: string; from: number; to: number }) {
  const { t } = useTranslation();
  const diff = useQuery({
    queryKey: ['playbook', pageId, 'diff', from, to],
    queryFn: () => api<PlaybookDiff>(`/playbook/pages/${pageId}/diff`, { query: { from, to } }),
  });
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t('participation.playbook.diffTitle', { from, to })}</h2>
      <QueryView query={diff}>
        {(d) => (
          <>
            {d.title.from !== d.title.to && (
              <p>{t('participation.playbook.titleChanged', { from: d.title.from, to: d.title.to })}</p>
            )}
            {d.tags.added.length > 0 && (
              <p>{t('participation.playbook.tagsAdded', { tags: d.tags.added.join(', ') })}</p>
            )}
            {d.tags.removed.length > 0 && (
              <p>{t('participation.playbook.tagsRemoved', { tags: d.tags.removed.join(', ') })}</p>
            )}
            <ol className="diff" aria-label={t('participation.playbook.diffLines')}>
              {d.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the diff is a fixed sequence of lines
                <li key={i} className={`diff-${l.op}`}>
                  <span className="diff-sign">
                    {l.op === 'insert' ? '+' : l.op === 'delete' ? '−' : ' '}
                    <span className="visually-hidden">
                      {l.op === 'equal' ? '' : ` ${t(`participation.playbook.op.${l.op}`)}: `}
                    </span>
                  </span>
                  {l.text || ' '}
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryView>
    </section>
  );
}

/** /mitmachen/praxis/:id/versionen — every revision, and the difference between two of them. */
export function PlaybookRevisionsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const page = usePlaybookPage(id);
  const revisions = useQuery({
    queryKey: ['playbook', id, 'revisions'],
    queryFn: () => api<{ items: PlaybookRevisionSummary[] }>(`/playbook/pages/${id}/revisions`),
    enabled: Boolean(id),
  });
  const [params, setParams] = useSearchParams();
  const current = page.data?.currentRevision ?? 1;
  const to = Number(params.get('bis')) || current;
  const from = Number(params.get('von')) || Math.max(1, to - 1);
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const options = (revisions.data?.items ?? []).map((r) => ({
    value: String(r.revision),
    label: t('participation.playbook.revisionN', { n: r.revision }),
  }));

  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={t('participation.playbook.revisionsTitle', { title: r.title })} />
          <ParticipationNav />
          <p>
            <Link to={`/mitmachen/praxis/${r.pageId}`}>{t('participation.playbook.back')}</Link>
          </p>
          <QueryView query={revisions}>
            {(d) => (
              <ol className="card-list revision-list" reversed>
                {d.items.map((x) => (
                  <li key={x.revision} className="card">
                    <h2 className="h3">
                      <Link to={`/mitmachen/praxis/${r.pageId}?version=${x.revision}`}>
                        {t('participation.playbook.revisionN', { n: x.revision })}: {x.title}
                      </Link>
                    </h2>
                    <p className="meta">
                      <Byline r={x} />
                    </p>
                    {x.summary && <p>{x.summary}</p>}
                  </li>
                ))}
              </ol>
            )}
          </QueryView>
          {current > 1 && (
            <>
              <form
                className="field-row diff-choice"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (draft) setParams({ von: draft.from, bis: draft.to });
                }}
              >
                <SelectField
                  label={t('participation.playbook.compareFrom')}
                  name="von"
                  value={draft?.from ?? String(from)}
                  onChange={(e) => setDraft({ from: e.target.value, to: draft?.to ?? String(to) })}
                  options={options}
                />
                <SelectField
                  label={t('participation.playbook.compareTo')}
                  name="bis"
                  value={draft?.to ?? String(to)}
                  onChange={(e) => setDraft({ from: draft?.from ?? String(from), to: e.target.value })}
                  options={options}
                />
                <div className="actions">
                  <button type="submit" className="button primary">
                    {t('participation.playbook.compare')}
                  </button>
                </div>
              </form>
              <DiffView pageId={r.pageId} from={from} to={to} />
            </>
          )}
        </>
      )}
    </QueryView>
  );
}
