import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, useAction } from '../../../app/forms.tsx';
import { MarkdownField, RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { FollowButton } from '../digests/FollowButton.tsx';
import { newsPath, organisationNewsPath, PostMeta, postPath, usePost } from './NewsParts.tsx';
import { newsKeys } from './queries.ts';
import type { Comment, Post } from './types.ts';

const commentPageSize = 20;

/** Publish, take back, edit and delete — for the organisation's staff and admins. */
function PostActions({ p }: { p: Post }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const step = useMutation({
    mutationFn: (path: 'publish' | 'unpublish') => api<Post>(`/news/${p.id}/${path}`, { method: 'POST' }),
    onSuccess: async (post) => {
      qc.setQueryData(newsKeys.post(p.id), post);
      await qc.invalidateQueries({ queryKey: newsKeys.posts() });
    },
    meta: { done: (_r: unknown, path: unknown) => t(`news.done.${String(path)}`) },
  });
  if (!p.abilities.edit && !p.abilities.delete) return null;
  return (
    <div className="actions">
      {p.abilities.edit && (
        <Link className="button secondary" to={`${postPath(p.id)}/bearbeiten`}>
          {t('news.edit')}
        </Link>
      )}
      {p.abilities.publish && (
        <button
          type="button"
          className="button primary"
          disabled={step.isPending}
          onClick={() => step.mutate('publish')}
        >
          {t('news.publish')}
        </button>
      )}
      {p.abilities.unpublish && (
        <button
          type="button"
          className="button secondary"
          disabled={step.isPending}
          onClick={() => step.mutate('unpublish')}
        >
          {t('news.unpublish')}
        </button>
      )}
      {p.abilities.delete && (
        <ConfirmButton
          label={t('news.delete')}
          title={t('news.deleteTitle')}
          message={<p>{t('news.deleteText', { title: p.title })}</p>}
          confirmLabel={t('news.deleteConfirm')}
          onConfirm={async () => {
            await api(`/news/${p.id}`, { method: 'DELETE' });
            qc.removeQueries({ queryKey: newsKeys.post(p.id) });
            await qc.invalidateQueries({ queryKey: newsKeys.posts() });
            navigate(organisationNewsPath(p.organisation.id));
          }}
          done={t('news.done.deleted')}
        />
      )}
      {step.isError && (
        <p className="field-error" role="alert">
          {step.error.message}
        </p>
      )}
    </div>
  );
}

function CommentItem({ c, post }: { c: Comment; post: Post }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(c.body);
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('news.comments.done.edited') });
  const who = c.author?.name ?? t('news.comments.formerMember');

  function save(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api<Comment>(`/news/comments/${c.id}`, { method: 'PUT', body: { body: body.trim() } });
      await qc.invalidateQueries({ queryKey: newsKeys.comments(post.id) });
      setEditing(false);
    }, form.current);
  }

  return (
    <li id={`kommentar-${c.id}`} className="news-comment" aria-labelledby={`kommentar-${c.id}-von`}>
      <p className="meta" id={`kommentar-${c.id}-von`}>
        <strong>{who}</strong> · <time dateTime={c.createdAt}>{formatDate(c.createdAt, true)}</time>
        {c.editedAt && <> · {t('news.comments.edited')}</>}
        {c.hidden && (
          <>
            {' · '}
            <span className="status-pill bad">{t('news.comments.hidden')}</span>
          </>
        )}
      </p>
      {editing ? (
        <form ref={form} onSubmit={save} noValidate>
          <FormError error={action.error} fields={['body']} />
          <MarkdownField
            label={t('news.comments.editLabel')}
            name="body"
            rows={4}
            maxLength={5000}
            value={body}
            onChange={setBody}
            error={action.error}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setEditing(false);
                setBody(c.body);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <RichText html={c.html} />
      )}
      {!editing && (c.abilities.edit || c.abilities.remove || session.account) && (
        <div className="actions">
          {c.abilities.edit && (
            <button
              type="button"
              className="button secondary"
              aria-label={t('news.comments.editOf', { name: who })}
              onClick={() => setEditing(true)}
            >
              {t('news.comments.edit')}
            </button>
          )}
          {c.abilities.remove && (
            <ConfirmButton
              label={t('news.comments.delete')}
              accessibleName={t('news.comments.deleteOf', { name: who })}
              title={t('news.comments.deleteTitle')}
              message={<p>{t('news.comments.deleteText')}</p>}
              confirmLabel={t('news.comments.deleteConfirm')}
              onConfirm={async () => {
                await api(`/news/comments/${c.id}`, { method: 'DELETE' });
                await qc.invalidateQueries({ queryKey: newsKeys.comments(post.id) });
                await qc.invalidateQueries({ queryKey: newsKeys.post(post.id) });
              }}
              done={t('news.comments.done.deleted')}
            />
          )}
          {session.account && c.author?.id !== session.account.id && !c.hidden && (
            <FlagButton entityType="news_comment" entityId={c.id} />
          )}
        </div>
      )}
    </li>
  );
}

function CommentForm({ post, onAdded }: { post: Post; onAdded: (total: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('news.comments.done.added') });
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api<Comment>(`/news/${post.id}/comments`, { method: 'POST', body: { body: body.trim() } });
      setBody('');
      const p = await api<Post>(`/news/${post.id}`);
      qc.setQueryData(newsKeys.post(post.id), p);
      await qc.invalidateQueries({ queryKey: newsKeys.comments(post.id) });
      onAdded(p.commentCount);
    }, form.current);
  }
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="news-comment-form-title">
      <h3 id="news-comment-form-title">{t('news.comments.write')}</h3>
      <FormError error={action.error} fields={['body']} />
      <MarkdownField
        label={t('news.comments.label')}
        name="body"
        rows={4}
        required
        maxLength={5000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('news.comments.submit')}</SubmitButton>
      </div>
    </form>
  );
}

function Comments({ post }: { post: Post }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const [offset, setOffset] = useState(0);
  const comments = useQuery({
    queryKey: newsKeys.comments(post.id, offset),
    queryFn: () =>
      api<Page<Comment>>(`/news/${post.id}/comments`, { query: { limit: commentPageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  const lastPage = (total: number) =>
    Math.max(0, Math.floor((total - 1) / commentPageSize) * commentPageSize);
  return (
    <section className="news-comments" id="kommentare" tabIndex={-1} aria-labelledby="news-comments-title">
      <h2 id="news-comments-title">{t('news.comments.title', { count: post.commentCount })}</h2>
      <QueryView query={comments} isEmpty={(p) => p.total === 0} empty={t('news.comments.none')}>
        {(p) => (
          <>
            <ol>
              {p.items.map((c) => (
                <CommentItem key={c.id} c={c} post={post} />
              ))}
            </ol>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('kommentare')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
      {post.abilities.comment ? (
        <CommentForm post={post} onAdded={(total) => setOffset(lastPage(total))} />
      ) : post.status === 'published' && !post.commentsOpen ? (
        <p className="notice">{t('news.comments.closed')}</p>
      ) : post.status === 'published' && !session.account ? (
        <p className="notice">
          <Link to={`/anmelden?weiter=${encodeURIComponent(location.pathname)}`}>
            {t('news.comments.signIn')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** /wissen/neuigkeiten/:id — a post with its comments. */
export function NewsPostPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { session } = useSession();
  const post = usePost(id);
  return (
    <QueryView query={post}>
      {(p) => (
        <article className="news-post" aria-labelledby="page-title">
          <PageHeading title={p.title}>
            <PostMeta p={p} />
          </PageHeading>
          <p>
            <Link to={newsPath}>{t('news.allNews')}</Link>
            {' · '}
            <Link to={organisationNewsPath(p.organisation.id)}>
              {t('news.moreOf', { name: p.organisation.name })}
            </Link>
          </p>
          {p.hidden && <p className="notice">{t('news.hiddenNotice')}</p>}
          {p.status === 'draft' && <p className="notice">{t('news.draftNotice')}</p>}
          <PostActions p={p} />
          <RichText html={p.html} />
          {session.account && (
            <div className="actions">
              <FollowButton
                targetType="organisation"
                targetId={p.organisation.id}
                following={p.following}
                invalidate={newsKeys.post(p.id)}
              />
              {p.status === 'published' && !p.abilities.edit && (
                <FlagButton entityType="news_post" entityId={p.id} />
              )}
            </div>
          )}
          {p.status === 'published' && <Comments post={p} />}
        </article>
      )}
    </QueryView>
  );
}
