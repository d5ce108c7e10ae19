import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  createElement,
  type FormEvent,
  type HTMLAttributes,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  invalid,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { MarkdownField, RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { OnBehalfField } from '../offline/OnBehalfField.tsx';
import type { OnBehalf, ToolPageProps } from '../tools.tsx';
import type { Contributor, ToolHeaderView } from '../types.ts';
import './ideas.css';
import { ideasKeys } from './queries.ts';
import type { IdeaDetail, IdeaList, IdeaSort, Point } from './types.ts';

const pageSize = 20;

/** How many levels the headings move up: the tool's title is the page's h1, under the project's tool page and on a page of its own alike. */
const HeadingShift = createContext(0);

/** A heading at its level under the project's page (2 = the tool's title), one higher on a page of its own. */
function H({ level, ...rest }: { level: 3 | 4 } & HTMLAttributes<HTMLHeadingElement>) {
  const shift = useContext(HeadingShift);
  return createElement(`h${level - shift}`, rest);
}
const ideaParam = 'idee';

/** "von Gül Şahin" / "von Frau M. · mit Unterstützung von Aylin Demir · auf Papier" */
function Who({ c, at }: { c: Contributor; at?: string }) {
  const { t } = useTranslation();
  return (
    <p className="meta">
      {t('codesignIdeas.by', { name: c.name || t('codesignIdeas.formerParticipant') })}
      {c.assistedBy !== null && (
        <> · {t('codesignIdeas.assistedBy', { name: c.assistedBy || t('codesignIdeas.formerStaff') })}</>
      )}
      {c.channel !== 'online' && <> · {t(`codesignIdeas.channel.${c.channel}`)}</>}
      {at && (
        <>
          {' · '}
          <time dateTime={at}>{formatDate(at)}</time>
        </>
      )}
    </p>
  );
}

/** Whether the tool takes contributions, in plain words. */
function ToolState({ tool }: { tool: ToolHeaderView }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  if (!tool.open)
    return (
      <p className="notice">
        {tool.closesAt && new Date(tool.closesAt) < new Date()
          ? t('codesignIdeas.closed', { date: formatDate(tool.closesAt) })
          : t('codesignIdeas.notOpen')}
      </p>
    );
  if (!session.account)
    return (
      <p className="notice">
        <Link to={`/anmelden?weiter=${encodeURIComponent(location.pathname + location.search)}`}>
          {t('codesignIdeas.signIn')}
        </Link>
      </p>
    );
  return tool.closesAt ? (
    <p className="meta">{t('codesignIdeas.openUntil', { date: formatDate(tool.closesAt, true) })}</p>
  ) : null;
}

/** The facilitators' "for someone else" field, shown only to them. */
function ForWhom({
  tool,
  value,
  onChange,
}: {
  tool: ToolHeaderView;
  value: OnBehalf | null;
  onChange: (v: OnBehalf | null) => void;
}) {
  if (!tool.may.facilitate) return null;
  return <OnBehalfField projectId={tool.project.id} value={value} onChange={onChange} />;
}

function NewIdeaForm({ tool, onAdded }: { tool: ToolHeaderView; onAdded: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignIdeas.done.idea') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      if (title.trim().length < 3)
        throw invalid(t('codesignIdeas.check'), { title: t('codesignIdeas.titleTooShort') });
      const d = await api<IdeaDetail>(`/codesign/ideas/tools/${tool.id}`, {
        method: 'POST',
        body: { title: title.trim(), body: body.trim(), ...(onBehalf ? { onBehalf } : {}) },
      });
      setTitle('');
      setBody('');
      qc.setQueryData(ideasKeys.idea(d.idea.id), d);
      await qc.invalidateQueries({ queryKey: ideasKeys.list(tool.id) });
      onAdded(d.idea.id);
    }, form.current);
  }
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="ideas-new-title">
      <H level={3} id="ideas-new-title">
        {t('codesignIdeas.new.title')}
      </H>
      <FormError error={action.error} fields={['title', 'body', 'onBehalf']} />
      <TextField
        label={t('codesignIdeas.new.titleLabel')}
        hint={t('codesignIdeas.new.titleHint')}
        name="title"
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <MarkdownField
        label={t('codesignIdeas.new.bodyLabel')}
        hint={t('codesignIdeas.new.bodyHint')}
        name="body"
        rows={4}
        maxLength={5000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <ForWhom tool={tool} value={onBehalf} onChange={setOnBehalf} />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('codesignIdeas.new.submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** The facilitators choose the ideas for the decide phase: all of the tool's ideas with a box each. */
function Selection({ tool, onClose }: { tool: ToolHeaderView; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignIdeas.select.done') });
  const all = useQuery({
    queryKey: ideasKeys.all(tool.id),
    queryFn: async () => {
      const items: IdeaList['items'] = [];
      for (let offset = 0; ; offset += 100) {
        const p = await api<IdeaList>(`/codesign/ideas/tools/${tool.id}`, { query: { limit: 100, offset } });
        items.push(...p.items);
        if (items.length >= p.total || p.items.length === 0) return items;
      }
    },
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api(`/codesign/ideas/tools/${tool.id}/selection`, {
        method: 'PUT',
        body: { ideaIds: chosen ?? [] },
      });
      await qc.invalidateQueries({ queryKey: ['codesignIdeas'] });
      onClose();
    }, form.current);
  }
  return (
    <QueryView query={all} isEmpty={(items) => items.length === 0} empty={t('codesignIdeas.none')}>
      {(items) => {
        const value = chosen ?? items.filter((i) => i.mark === 'selected').map((i) => i.id);
        return (
          <form ref={form} className="card" onSubmit={save} noValidate aria-labelledby="ideas-select-title">
            <H level={3} id="ideas-select-title">
              {t('codesignIdeas.select.title')}
            </H>
            <FormError error={action.error} fields={['ideaIds']} />
            <ChoiceGroup
              legend={t('codesignIdeas.select.legend')}
              hint={t('codesignIdeas.select.hint')}
              name="ideaIds"
              type="checkbox"
              options={items.map((i) => ({
                value: i.id,
                label: i.title,
                hint: `${t('codesignIdeas.counts', { pro: i.pro, contra: i.contra })} · ${t('codesignIdeas.commentCount', { count: i.comments })}`,
              }))}
              value={value}
              onChange={setChosen}
              error={action.error}
            />
            <div className="actions">
              <SubmitButton pending={action.pending}>{t('codesignIdeas.select.submit')}</SubmitButton>
              <button type="button" className="button secondary" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        );
      }}
    </QueryView>
  );
}

function IdeasList({ toolId, open }: { toolId: string; open: (id: string) => void }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<IdeaSort>('newest');
  const [offset, setOffset] = useState(0);
  const [selecting, setSelecting] = useState(false);
  const listId = useId();
  const list = useQuery({
    queryKey: ideasKeys.list(toolId, sort, offset),
    queryFn: () =>
      api<IdeaList>(`/codesign/ideas/tools/${toolId}`, { query: { sort, limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryView query={list}>
      {(p) => (
        <div className="ideas">
          <ToolState tool={p.tool} />
          {p.abilities.propose || (p.tool.open && p.abilities.facilitate) ? (
            <NewIdeaForm tool={p.tool} onAdded={open} />
          ) : p.tool.open && !p.tool.config.participantsPropose ? (
            <p className="notice">{t('codesignIdeas.onlyFacilitators')}</p>
          ) : null}
          <section aria-labelledby={`${listId}-title`} id={listId} tabIndex={-1}>
            <H level={3} id={`${listId}-title`}>
              {t('codesignIdeas.listTitle', { count: p.total })}
            </H>
            <div className="ideas-toolbar">
              <SelectField
                label={t('codesignIdeas.sort.label')}
                name="sort"
                value={sort}
                onChange={(e) => {
                  setSort(e.target.value as IdeaSort);
                  setOffset(0);
                }}
                options={[
                  { value: 'newest', label: t('codesignIdeas.sort.newest') },
                  { value: 'points', label: t('codesignIdeas.sort.points') },
                ]}
              />
              {p.abilities.facilitate && p.tool.project.status === 'active' && !selecting && p.total > 0 && (
                <button type="button" className="button secondary" onClick={() => setSelecting(true)}>
                  {t('codesignIdeas.select.open')}
                </button>
              )}
            </div>
            {selecting && <Selection tool={p.tool} onClose={() => setSelecting(false)} />}
            {p.total === 0 ? (
              <p className="empty">{p.tool.open ? t('codesignIdeas.noneYet') : t('codesignIdeas.none')}</p>
            ) : (
              <ul className="ideas-list">
                {p.items.map((i) => (
                  <li key={i.id} className="card">
                    <H level={4} className="ideas-item-title">
                      <Link to={`?${ideaParam}=${i.id}`}>{i.title}</Link>
                    </H>
                    {i.mark === 'selected' && (
                      <span className="status-pill good">{t('codesignIdeas.selected')}</span>
                    )}
                    <Who c={i.contributor} at={i.createdAt} />
                    {i.excerpt && <p>{i.excerpt}</p>}
                    <p className="meta">
                      {t('codesignIdeas.counts', { pro: i.pro, contra: i.contra })} ·{' '}
                      {t('codesignIdeas.commentCount', { count: i.comments })}
                      {i.merged > 0 && <> · {t('codesignIdeas.mergedCount', { count: i.merged })}</>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById(listId)?.focus();
              }}
            />
          </section>
        </div>
      )}
    </QueryView>
  );
}

function PointForm({ idea, onAdded }: { idea: IdeaDetail; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [side, setSide] = useState<'pro' | 'contra'>('pro');
  const [body, setBody] = useState('');
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignIdeas.done.point') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      if (body.trim().length < 2)
        throw invalid(t('codesignIdeas.check'), { body: t('codesignIdeas.pointTooShort') });
      await api(`/codesign/ideas/${idea.idea.id}/points`, {
        method: 'POST',
        body: { side, body: body.trim(), ...(onBehalf ? { onBehalf } : {}) },
      });
      setBody('');
      await onAdded();
    }, form.current);
  }
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="ideas-point-title">
      <H level={4} id="ideas-point-title">
        {t('codesignIdeas.point.title')}
      </H>
      <FormError error={action.error} fields={['side', 'body', 'onBehalf']} />
      <ChoiceGroup
        legend={t('codesignIdeas.point.side')}
        name="side"
        type="radio"
        options={[
          { value: 'pro', label: t('codesignIdeas.point.pro') },
          { value: 'contra', label: t('codesignIdeas.point.contra') },
        ]}
        value={[side]}
        onChange={(v) => setSide(v[0] ?? 'pro')}
        error={action.error}
      />
      <TextField
        label={t('codesignIdeas.point.bodyLabel')}
        hint={t('codesignIdeas.point.bodyHint')}
        name="body"
        required
        maxLength={280}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={action.error}
      />
      <ForWhom tool={idea.tool} value={onBehalf} onChange={setOnBehalf} />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('codesignIdeas.point.submit')}</SubmitButton>
      </div>
    </form>
  );
}

function CommentForm({ idea, onAdded }: { idea: IdeaDetail; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [onBehalf, setOnBehalf] = useState<OnBehalf | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('codesignIdeas.done.comment') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      if (!body.trim()) throw invalid(t('codesignIdeas.check'), { body: t('codesignIdeas.commentEmpty') });
      await api(`/codesign/ideas/${idea.idea.id}/comments`, {
        method: 'POST',
        body: { body: body.trim(), ...(onBehalf ? { onBehalf } : {}) },
      });
      setBody('');
      await onAdded();
    }, form.current);
  }
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="ideas-comment-title">
      <H level={4} id="ideas-comment-title">
        {t('codesignIdeas.comment.title')}
      </H>
      <FormError error={action.error} fields={['body', 'onBehalf']} />
      <MarkdownField
        label={t('codesignIdeas.comment.label')}
        name="body"
        rows={3}
        required
        maxLength={2000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <ForWhom tool={idea.tool} value={onBehalf} onChange={setOnBehalf} />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('codesignIdeas.comment.submit')}</SubmitButton>
      </div>
    </form>
  );
}

/** Merge this idea into another of the tool: choose it, then confirm. */
function MergeDialog({ idea, onMerged }: { idea: IdeaDetail; onMerged: (intoId: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const others = useQuery({
    queryKey: ideasKeys.all(idea.tool.id),
    queryFn: async () => {
      const items: IdeaList['items'] = [];
      for (let offset = 0; ; offset += 100) {
        const p = await api<IdeaList>(`/codesign/ideas/tools/${idea.tool.id}`, {
          query: { limit: 100, offset },
        });
        items.push(...p.items);
        if (items.length >= p.total || p.items.length === 0) return items;
      }
    },
  });
  const [into, setInto] = useState('');
  const choices = (others.data ?? []).filter((i) => i.id !== idea.idea.id);
  if (others.isSuccess && choices.length === 0) return null;
  const target = choices.find((c) => c.id === into);
  return (
    <ConfirmButton
      className="button secondary"
      label={t('codesignIdeas.merge.button')}
      title={t('codesignIdeas.merge.title')}
      message={<p>{t('codesignIdeas.merge.text', { title: idea.idea.title })}</p>}
      confirmLabel={t('codesignIdeas.merge.confirm')}
      onConfirm={async () => {
        if (!target) throw invalid(t('codesignIdeas.check'), { intoId: t('codesignIdeas.merge.choose') });
        const d = await api<IdeaDetail>(`/codesign/ideas/${idea.idea.id}/merge`, {
          method: 'POST',
          body: { intoId: target.id },
        });
        qc.setQueryData(ideasKeys.idea(d.idea.id), d);
        await qc.invalidateQueries({ queryKey: ['codesignIdeas'] });
        onMerged(d.idea.id);
      }}
      done={t('codesignIdeas.merge.done', { title: target?.title ?? '' })}
    >
      <SelectField
        label={t('codesignIdeas.merge.into')}
        hint={t('codesignIdeas.merge.hint')}
        name="intoId"
        value={into}
        onChange={(e) => setInto(e.target.value)}
        options={[
          { value: '', label: t('codesignIdeas.merge.choose') },
          ...choices.map((c) => ({ value: c.id, label: c.title })),
        ]}
      />
    </ConfirmButton>
  );
}

function PointList({ side, points, idea }: { side: 'pro' | 'contra'; points: Point[]; idea: IdeaDetail }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const headingId = useId();
  const fromTitle = (id: string) => idea.merged.find((m) => m.id === id)?.title;
  return (
    <section className={side === 'pro' ? 'ideas-pro' : 'ideas-contra'} aria-labelledby={headingId}>
      <H level={4} id={headingId} className="ideas-side-title">
        {t(`codesignIdeas.point.${side}Heading`, { count: points.length })}
      </H>
      {points.length === 0 ? (
        <p className="empty">{t(`codesignIdeas.point.${side}None`)}</p>
      ) : (
        <ul>
          {points.map((p) => (
            <li key={p.id}>
              <p>{p.body}</p>
              <Who c={p.contributor} />
              {p.ideaId !== idea.idea.id && (
                <p className="meta">{t('codesignIdeas.fromMerged', { title: fromTitle(p.ideaId) ?? '' })}</p>
              )}
              {session.account && <FlagButton entityType="codesign_idea_point" entityId={p.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IdeaView({ ideaId, open }: { ideaId: string; open: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const idea = useQuery({
    queryKey: ideasKeys.idea(ideaId),
    queryFn: () => api<IdeaDetail>(`/codesign/ideas/${ideaId}`),
  });
  const loaded = idea.isSuccess;
  useEffect(() => {
    if (loaded) document.getElementById('ideas-idea-title')?.focus();
  }, [loaded]);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ideasKeys.idea(ideaId) });
    const d = idea.data;
    if (d) await qc.invalidateQueries({ queryKey: ideasKeys.list(d.tool.id) });
  };
  return (
    <QueryView query={idea}>
      {(d) => {
        const i = d.idea;
        return (
          <article className="ideas-idea" aria-labelledby="ideas-idea-title">
            <p>
              <Link to="?">
                <span aria-hidden="true">← </span>
                {t('codesignIdeas.back')}
              </Link>
            </p>
            <H level={3} id="ideas-idea-title" tabIndex={-1}>
              {i.title}
            </H>
            {i.mark === 'selected' && <span className="status-pill good">{t('codesignIdeas.selected')}</span>}
            <Who c={i.contributor} at={i.createdAt} />
            {i.hidden && <p className="notice">{t('codesignIdeas.hiddenNotice')}</p>}
            {i.mergedInto && (
              <p className="notice">
                {t('codesignIdeas.mergedWith')}{' '}
                <Link to={`?${ideaParam}=${i.mergedInto.id}`}>{i.mergedInto.title}</Link>.{' '}
                {t('codesignIdeas.mergedGoOn')}
              </p>
            )}
            {i.body && <RichText html={i.html} />}
            {d.merged.length > 0 && (
              <section aria-labelledby="ideas-merged-title">
                <H level={4} id="ideas-merged-title">
                  {t('codesignIdeas.mergedTitle', { count: d.merged.length })}
                </H>
                <ul>
                  {d.merged.map((m) => (
                    <li key={m.id}>
                      <Link to={`?${ideaParam}=${m.id}`}>{m.title}</Link>{' '}
                      <span className="meta">
                        {t('codesignIdeas.by', {
                          name: m.contributor.name || t('codesignIdeas.formerParticipant'),
                        })}
                        {m.contributor.assistedBy !== null && (
                          <> · {t('codesignIdeas.assistedBy', { name: m.contributor.assistedBy })}</>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className="actions">
              {d.abilities.merge && <MergeDialog idea={d} onMerged={open} />}
              {session.account && !i.hidden && <FlagButton entityType="codesign_idea" entityId={i.id} />}
            </div>
            {d.tool.config.points !== false && (
              <div className="ideas-points">
                <PointList side="pro" points={d.points.filter((p) => p.side === 'pro')} idea={d} />
                <PointList side="contra" points={d.points.filter((p) => p.side === 'contra')} idea={d} />
              </div>
            )}
            {d.abilities.point && <PointForm idea={d} onAdded={refresh} />}
            <section className="ideas-comments" aria-labelledby="ideas-comments-title">
              <H level={4} id="ideas-comments-title">
                {t('codesignIdeas.comment.heading', { count: d.comments.length })}
              </H>
              {d.comments.length === 0 ? (
                <p className="empty">{t('codesignIdeas.comment.none')}</p>
              ) : (
                <ol>
                  {d.comments.map((c) => (
                    <li key={c.id}>
                      <Who c={c.contributor} at={c.createdAt} />
                      <RichText html={c.html} />
                      {c.ideaId !== i.id && (
                        <p className="meta">
                          {t('codesignIdeas.fromMerged', {
                            title: d.merged.find((m) => m.id === c.ideaId)?.title ?? '',
                          })}
                        </p>
                      )}
                      {session.account && <FlagButton entityType="codesign_idea_comment" entityId={c.id} />}
                    </li>
                  ))}
                </ol>
              )}
              {d.abilities.comment ? (
                <CommentForm idea={d} onAdded={refresh} />
              ) : (
                !i.mergedInto && <ToolState tool={d.tool} />
              )}
            </section>
          </article>
        );
      }}
    </QueryView>
  );
}

/**
 * A tool of kind 'ideas' (rendered by the projects part under the project's header): the ideas, newest
 * or most points first, with a form for a new one; one idea (`?idee=…`) with its points for and against
 * in two columns (one under the other on a phone), its comments and the forms to add both;
 * facilitators enter for others, merge duplicates and choose the ideas for the decide phase.
 * `standalone`: the page of its own (ideas/routes.tsx), with the page's heading.
 */
export default function IdeasToolPage({ toolId, standalone }: ToolPageProps & { standalone?: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ideaId = params.get(ideaParam);
  const header = useQuery({
    queryKey: ideasKeys.list(toolId, 'newest', 0),
    queryFn: () =>
      api<IdeaList>(`/codesign/ideas/tools/${toolId}`, {
        query: { sort: 'newest', limit: pageSize, offset: 0 },
      }),
  });
  const open = (id: string) => setParams({ [ideaParam]: id });
  const tool = header.data?.tool;
  return (
    <HeadingShift.Provider value={1}>
      <div className="ideas-tool">
        {/* under the tool page, its header names the tool and says what it is for */}
        {standalone && tool && (
          <PageHeading title={tool.title}>
            <p className="meta">{tool.project.title}</p>
          </PageHeading>
        )}
        {standalone && tool?.description && <p>{tool.description}</p>}
        {!ideaId && <p className="lead">{t('codesignIdeas.lead')}</p>}
        {ideaId ? (
          <IdeaView key={ideaId} ideaId={ideaId} open={open} />
        ) : (
          <IdeasList toolId={toolId} open={open} />
        )}
      </div>
    </HeadingShift.Provider>
  );
}
