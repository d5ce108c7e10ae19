import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField, RichText } from '../../../app/RichText.tsx';
import { ConfirmButton, formatDate } from '../../../app/ui.tsx';
import { FlagButton } from '../../../features/organisations/FlagButton.tsx';
import { discussionKeys } from './queries.ts';
import type { Mentionable, Post, Thread } from './types.ts';

export interface Quote {
  id: string;
  position: number;
  authorName: string | null;
}

/** The Markdown that quotes a post: its text as a block quote, then an empty line to answer after. */
export function quoteOf(post: Post): string {
  const lines = (post.body ?? '').split('\n').slice(0, 12);
  return `${lines.map((l) => `> ${l}`).join('\n')}\n\n`;
}

/** One post in the thread: who and when, what it answers, its text (or that it is gone), its actions. */
export function PostItem({
  thread,
  post,
  onQuote,
}: {
  thread: Thread;
  post: Post;
  onQuote?: (post: Post) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: discussionKeys.posts(thread.id) }),
      client.invalidateQueries({ queryKey: discussionKeys.thread(thread.id) }),
    ]);
  const solution = useMutation({
    mutationFn: (mark: boolean) =>
      api(`/discussions/threads/${thread.id}/solution`, {
        method: mark ? 'PUT' : 'DELETE',
        ...(mark ? { body: { postId: post.id } } : {}),
      }),
    onSuccess: refresh,
    meta: {
      done: (_r: unknown, mark: unknown) =>
        mark ? t('discussions.post.solutionMarked') : t('discussions.post.solutionUnmarked'),
    },
  });
  const headingId = `beitrag-${post.position}-titel`;
  const gone = post.deleted || post.html === null;
  return (
    <li
      id={`beitrag-${post.position}`}
      tabIndex={-1}
      className={`card discussion-post${post.solution ? ' is-solution' : ''}${post.reviewStatus === 'pending' ? ' is-pending' : ''}`}
    >
      <article aria-labelledby={headingId}>
        <header className="discussion-post-header">
          <h3 id={headingId} className="discussion-post-title">
            {post.author ? post.author.name : t('discussions.post.someone')}
            <span className="meta"> · #{post.position}</span>
          </h3>
          <p className="meta">
            <time dateTime={post.createdAt}>{formatDate(post.createdAt, true)}</time>
            {post.editedAt && !gone && (
              <span className="discussion-edited" title={formatDate(post.editedAt, true)}>
                {' '}
                · {t('discussions.post.edited')}
              </span>
            )}
          </p>
          {post.solution && (
            <p className="discussion-badge discussion-badge-solved">
              <span aria-hidden="true">✓ </span>
              {t('discussions.post.solution')}
            </p>
          )}
          {post.reviewStatus === 'pending' && (
            <p className="discussion-badge discussion-badge-pending">{t('discussions.pending')}</p>
          )}
        </header>
        {post.reviewStatus === 'pending' && <p className="hint">{t('discussions.post.pendingHint')}</p>}
        {post.quoted && (
          <p className="discussion-quoted">
            {post.quoted.visible ? (
              <Link to={`?beitrag=${post.quoted.position}`}>
                {t('discussions.post.answersTo', {
                  position: post.quoted.position,
                  name: post.quoted.authorName ?? t('discussions.post.someone'),
                })}
              </Link>
            ) : (
              t('discussions.post.answersToGone', { position: post.quoted.position })
            )}
          </p>
        )}
        {post.deleted ? (
          <p className="discussion-gone">{t('discussions.post.deleted')}</p>
        ) : post.html === null ? (
          <p className="discussion-gone">{t('discussions.post.hidden')}</p>
        ) : editing ? (
          <EditPost
            post={post}
            onDone={async () => {
              await refresh();
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            {post.hidden && (
              <p className="discussion-badge discussion-badge-hidden">
                {t('discussions.post.hiddenForOthers')}
              </p>
            )}
            <RichText html={post.html} />
          </>
        )}
        {!gone && !editing && (
          <div className="discussion-post-actions">
            {onQuote && post.reviewStatus === 'visible' && (
              <button
                type="button"
                className="button secondary"
                aria-label={t('discussions.post.quoteName', { position: post.position })}
                onClick={() => onQuote(post)}
              >
                {t('discussions.post.quote')}
              </button>
            )}
            {thread.abilities.steward && post.position > 1 && post.reviewStatus === 'visible' && (
              <button
                type="button"
                className="button secondary"
                aria-pressed={post.solution}
                disabled={solution.isPending}
                onClick={() => solution.mutate(!post.solution)}
              >
                {post.solution ? t('discussions.post.unmarkSolution') : t('discussions.post.markSolution')}
              </button>
            )}
            {post.abilities.edit && (
              <button
                type="button"
                className="button secondary"
                aria-label={t('discussions.post.editName', { position: post.position })}
                onClick={() => setEditing(true)}
              >
                {t('discussions.post.edit')}
              </button>
            )}
            {post.abilities.delete && (
              <ConfirmButton
                label={t('discussions.post.delete')}
                accessibleName={t('discussions.post.deleteName', { position: post.position })}
                title={t('discussions.post.deleteTitle')}
                message={<p>{t('discussions.post.deleteText')}</p>}
                confirmLabel={t('discussions.post.deleteConfirm')}
                onConfirm={async () => {
                  await api(`/discussions/posts/${post.id}`, { method: 'DELETE' });
                  await refresh();
                }}
                done={t('discussions.post.deletedDone')}
              />
            )}
            {post.abilities.flag && <FlagButton entityType="discussion_post" entityId={post.id} />}
          </div>
        )}
        {solution.isError && (
          <p className="field-error" role="alert">
            {solution.error.message}
          </p>
        )}
      </article>
    </li>
  );
}

function EditPost({
  post,
  onDone,
  onCancel,
}: {
  post: Post;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(post.body ?? '');
  const action = useAction({ done: t('discussions.post.saved') });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api(`/discussions/posts/${post.id}`, { method: 'PUT', body: { body } });
          await onDone();
        }, e.currentTarget);
      }}
    >
      <FormError error={action.error} fields={['body']} />
      <MarkdownField
        label={t('discussions.post.editLabel', { position: post.position })}
        name="body"
        required
        maxLength={20000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('discussions.post.save')}</SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('discussions.post.cancel')}
        </button>
      </div>
    </form>
  );
}

/** "@Person erwähnen": a lookup among those one may mention here; choosing one writes their name. */
function MentionPicker({ threadId, onPick }: { threadId: string; onPick: (p: Mentionable) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const listId = useId();
  const people = useQuery({
    queryKey: discussionKeys.thread(threadId, 'mentionable', q.trim()),
    queryFn: () =>
      api<{ items: Mentionable[] }>(`/discussions/threads/${threadId}/mentionable`, {
        query: { q: q.trim() || undefined },
      }),
    enabled: open,
  });
  if (!open)
    return (
      <button type="button" className="button secondary" aria-expanded={false} onClick={() => setOpen(true)}>
        {t('discussions.mention.open')}
      </button>
    );
  return (
    <fieldset className="discussion-mention">
      <legend>{t('discussions.mention.title')}</legend>
      <p className="hint">{t('discussions.mention.hint')}</p>
      <TextField
        label={t('discussions.mention.search')}
        name="mention"
        type="search"
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {people.data && people.data.items.length === 0 && <p>{t('discussions.mention.none')}</p>}
      <ul id={listId} className="discussion-mention-list" aria-label={t('discussions.mention.results')}>
        {(people.data?.items ?? []).map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                onPick(p);
                setOpen(false);
                setQ('');
              }}
            >
              {t('discussions.mention.pick', { name: p.name })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        {t('discussions.mention.close')}
      </button>
    </fieldset>
  );
}

/** The answer at the end of a thread: Markdown, an optional quote, @mentions. */
export function ReplyForm({
  thread,
  body,
  setBody,
  quote,
  setQuote,
  onPosted,
}: {
  thread: Thread;
  body: string;
  setBody: (s: string) => void;
  quote: Quote | null;
  setQuote: (q: Quote | null) => void;
  onPosted: (r: { position: number; reviewStatus: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [mentions, setMentions] = useState<Mentionable[]>([]);
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(
      async () => {
        const r = await api<{ position: number; reviewStatus: string }>(
          `/discussions/threads/${thread.id}/posts`,
          {
            method: 'POST',
            body: {
              body,
              quotedPostId: quote?.id ?? null,
              mentions: mentions.filter((m) => body.includes(`@${m.name}`)).map((m) => m.id),
            },
          },
        );
        setBody('');
        setQuote(null);
        setMentions([]);
        await onPosted(r);
        return r;
      },
      form.current,
      (r) =>
        r.reviewStatus === 'pending' ? t('discussions.reply.donePending') : t('discussions.reply.done'),
    );
  };
  return (
    <form ref={form} id="antworten" className="card discussion-reply" noValidate onSubmit={submit}>
      <h2>{t('discussions.reply.title')}</h2>
      <FormError error={action.error} fields={['body', 'quotedPostId', 'mentions']} />
      {quote && (
        <p className="discussion-quoting">
          {t('discussions.reply.quoting', {
            position: quote.position,
            name: quote.authorName ?? t('discussions.post.someone'),
          })}{' '}
          <button type="button" className="button secondary" onClick={() => setQuote(null)}>
            {t('discussions.reply.dropQuote')}
          </button>
        </p>
      )}
      <MarkdownField
        label={t('discussions.reply.body')}
        name="body"
        required
        maxLength={20000}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <MentionPicker
        threadId={thread.id}
        onPick={(p) => {
          setMentions((m) => (m.some((x) => x.id === p.id) ? m : [...m, p]));
          const sep = body === '' || body.endsWith(' ') || body.endsWith('\n') ? '' : ' ';
          setBody(`${body}${sep}@${p.name} `);
          requestAnimationFrame(() => form.current?.querySelector('textarea')?.focus());
        }}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('discussions.reply.submit')}</SubmitButton>
      </div>
    </form>
  );
}
