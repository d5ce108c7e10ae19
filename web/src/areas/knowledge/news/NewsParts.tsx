import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { formatDate } from '../../../app/ui.tsx';
import { Subscribe } from '../../../features/data/Subscribe.tsx';
import { newsKeys } from './queries.ts';
import type { Post, PostSummary, Visibility } from './types.ts';
import { visibilities } from './types.ts';
import './news.css';

export const newsPath = '/wissen/neuigkeiten';
export const postPath = (id: string) => `${newsPath}/${id}`;
export const organisationNewsPath = (idOrSlug: string) =>
  `${newsPath}?organisation=${encodeURIComponent(idOrSlug)}`;

/** The organisations the person writes news for: those they are staff or admin of. */
export function useWritableOrganisations() {
  const { session } = useSession();
  return (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
}

export function usePost(id: string | undefined) {
  return useQuery({
    queryKey: newsKeys.post(id),
    queryFn: () => api<Post>(`/news/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Whether the person follows the organisation's news (only asked when signed in). */
export function useFollowsOrganisation(organisationId: string | undefined) {
  const { session } = useSession();
  return useQuery({
    queryKey: ['follows'],
    queryFn: () => api<{ items: { targetType: string; targetId: string }[] }>('/follows'),
    enabled: Boolean(session.account && organisationId),
    select: (d) => d.items.some((f) => f.targetType === 'organisation' && f.targetId === organisationId),
  });
}

/** The RSS and Atom feed of the list shown (the network's or one organisation's), through <Subscribe>. */
export function FeedLinks({ organisationId, name }: { organisationId?: string; name?: string }) {
  const { t } = useTranslation();
  const base = organisationId ? `/news/organisations/${organisationId}` : '/news';
  return (
    <Subscribe
      title={name ? t('news.feed.titleOf', { name }) : t('news.feed.title')}
      links={[
        { format: 'rss', href: apiUrl(`${base}/feed.rss`) },
        { format: 'atom', href: apiUrl(`${base}/feed.atom`) },
      ]}
    />
  );
}

/** Organisation, date, author and — for those who see them — draft and visibility. */
export function PostMeta({ p, withOrganisation = true }: { p: PostSummary; withOrganisation?: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="meta">
      {withOrganisation && (
        <>
          <Link to={organisationNewsPath(p.organisation.id)}>{p.organisation.name}</Link>
          {' · '}
        </>
      )}
      {p.status === 'draft' ? (
        <span className="status-pill wait">{t('news.status.draft')}</span>
      ) : (
        <time dateTime={p.publishedAt ?? undefined}>{formatDate(p.publishedAt)}</time>
      )}
      {p.author && <> · {t('news.by', { name: p.author.name })}</>}
      {p.visibility !== 'public' && (
        <>
          {' · '}
          <span className="status-pill">{t(`news.visibility.short.${p.visibility}`)}</span>
        </>
      )}
    </p>
  );
}

/** Writing a post (for one of the person's organisations) or changing one. */
export function NewsForm({ existing, organisationId }: { existing?: Post; organisationId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mine = useWritableOrganisations();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [org, setOrg] = useState(
    organisationId && mine.some((m) => m.organisationId === organisationId)
      ? organisationId
      : (mine[0]?.organisationId ?? ''),
  );
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [visibility, setVisibility] = useState<Visibility>(existing?.visibility ?? 'public');
  const [commentsOpen, setCommentsOpen] = useState(existing?.commentsOpen ?? true);
  const publishing = useRef(false);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    publishing.current = submitter?.value === 'publish';
    const fields = { title: title.trim(), body, visibility, commentsOpen };
    void action.run(
      async () => {
        const p = existing
          ? await api<Post>(`/news/${existing.id}`, {
              method: 'PUT',
              body: { ...fields, baseUpdatedAt: existing.updatedAt },
            })
          : await api<Post>('/news', {
              method: 'POST',
              body: { ...fields, organisationId: org, publish: publishing.current },
            });
        await qc.invalidateQueries({ queryKey: newsKeys.posts() });
        qc.setQueryData(newsKeys.post(p.id), p);
        navigate(postPath(p.id));
        return p;
      },
      form.current,
      (p) =>
        existing
          ? t('news.done.saved')
          : p.status === 'published'
            ? t('news.done.published')
            : t('news.done.draftSaved'),
    );
  }

  return (
    <form ref={form} className="card news-form" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={['title', 'body', 'visibility', 'commentsOpen', 'organisationId']}
      />
      {!existing && (
        <SelectField
          label={t('news.form.organisation')}
          name="organisationId"
          value={org}
          onChange={(e) => setOrg(e.target.value)}
          options={mine.map((m) => ({ value: m.organisationId, label: m.name }))}
          error={action.error}
        />
      )}
      <TextField
        label={t('news.form.title')}
        name="title"
        required
        minLength={3}
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <MarkdownField
        label={t('news.form.body')}
        name="body"
        required
        rows={14}
        maxLength={50000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <SelectField
        label={t('news.form.visibility')}
        name="visibility"
        hint={t('news.form.visibilityHint')}
        value={visibility}
        onChange={(e) => setVisibility(e.target.value as Visibility)}
        options={visibilities.map((v) => ({ value: v, label: t(`news.visibility.long.${v}`) }))}
        error={action.error}
      />
      <label className="check">
        <input
          type="checkbox"
          name="commentsOpen"
          checked={commentsOpen}
          onChange={(e) => setCommentsOpen(e.target.checked)}
        />
        <span>{t('news.form.commentsOpen')}</span>
      </label>
      <div className="actions">
        {existing ? (
          <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
        ) : (
          <>
            <button
              type="submit"
              name="intent"
              value="publish"
              className="button primary"
              disabled={action.pending}
            >
              {action.pending && publishing.current ? t('common.working') : t('news.form.publish')}
            </button>
            <button
              type="submit"
              name="intent"
              value="draft"
              className="button secondary"
              disabled={action.pending}
            >
              {action.pending && !publishing.current ? t('common.working') : t('news.form.saveDraft')}
            </button>
          </>
        )}
        <Link
          to={
            existing
              ? postPath(existing.id)
              : organisationId
                ? organisationNewsPath(organisationId)
                : newsPath
          }
        >
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
