import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextAreaField, useAction } from '../../app/forms.tsx';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { formatDate, PageHeading, QueryView } from '../../app/ui.tsx';
import { PostCard } from './ExchangeParts.tsx';
import { sharingKeys } from './queries.ts';
import { SharingNav } from './SharingNav.tsx';
import type { Message, Post } from './types.ts';

function expiresSoon(p: Post) {
  return new Date(p.expiresAt).getTime() - Date.now() < 5 * 24 * 3600 * 1000;
}

function Conversation({ post }: { post: Post }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const qc = useQueryClient();
  const me = session.account?.id;
  const isAuthor = post.author.id === me;
  const messages = useQuery({
    queryKey: sharingKeys.exchange('messages', post.id),
    queryFn: () => api<{ items: Message[] }>(`/exchange/posts/${post.id}/messages`),
  });
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('sharing.done.messageSent') });
  const [body, setBody] = useState('');
  const [to, setTo] = useState('');
  const others = new Map<string, string>();
  for (const m of messages.data?.items ?? []) if (m.from.id !== me) others.set(m.from.id, m.from.name);
  const replyTo = to || [...others.keys()][0] || '';
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await action.run(async () => {
      await api(`/exchange/posts/${post.id}/messages`, {
        method: 'POST',
        body: { body: body.trim(), ...(isAuthor ? { to: replyTo } : {}) },
      });
      await qc.invalidateQueries({ queryKey: sharingKeys.exchange('messages', post.id) });
    }, form.current);
    if (ok) setBody('');
  }
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t('sharing.exchange.messages')}</h2>
      <p className="hint">{t('sharing.exchange.messagesHint')}</p>
      <QueryView
        query={messages}
        isEmpty={(m) => m.items.length === 0}
        empty={t('sharing.exchange.noMessages')}
      >
        {(m) => (
          <ol className="message-list">
            {m.items.map((x) => (
              <li key={x.id} className={x.from.id === me ? 'mine' : undefined}>
                <p className="meta">
                  {x.from.name} · {formatDateTime(x.createdAt)}
                </p>
                <p className="prewrap">{x.body}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
      {(!isAuthor || others.size > 0) && (
        <form ref={form} onSubmit={submit} noValidate>
          <FormError error={action.error} fields={['body', 'to']} />
          {isAuthor && others.size > 1 && (
            <SelectField
              label={t('sharing.exchange.replyTo')}
              name="to"
              value={replyTo}
              onChange={(e) => setTo(e.target.value)}
              options={[...others].map(([id, name]) => ({ value: id, label: name }))}
            />
          )}
          <TextAreaField
            label={
              isAuthor
                ? t('sharing.exchange.answer')
                : t('sharing.exchange.write', { name: post.author.name })
            }
            name="body"
            required
            rows={3}
            maxLength={2000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={action.error}
          />
          <SubmitButton pending={action.pending}>{t('sharing.exchange.send')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

/** /tauschring/:id: one post; contact by message; pay with credits; suggestions; renew and close. */
export function PostPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { session } = useSession();
  const qc = useQueryClient();
  const post = useQuery({
    queryKey: sharingKeys.exchange('post', id),
    queryFn: () => api<Post>(`/exchange/posts/${encodeURIComponent(id ?? '')}`),
  });
  const matches = useQuery({
    queryKey: sharingKeys.exchange('matches', id),
    queryFn: () => api<{ items: Post[] }>(`/exchange/posts/${encodeURIComponent(id ?? '')}/matches`),
    enabled: Boolean(post.data),
  });
  const step = useAction();
  const act = (path: 'renew' | 'close') =>
    step.run(
      async () => {
        await api(`/exchange/posts/${id}/${path}`, { method: 'POST', body: {} });
        await qc.invalidateQueries({ queryKey: sharingKeys.exchange() });
      },
      null,
      t(`sharing.done.${path}`),
    );
  return (
    <QueryView query={post}>
      {(p) => {
        const mine = p.author.id === session.account?.id;
        const payLink =
          `/zeitbank?an=person:${p.author.id}&name=${encodeURIComponent(p.author.name)}` +
          `&zweck=${encodeURIComponent(p.title)}&angebot=${p.id}` +
          (p.timeCreditMinutes ? `&minuten=${p.timeCreditMinutes}` : '');
        return (
          <>
            <PageHeading title={p.title}>
              <p className="meta">
                {t(`sharing.exchange.kind.${p.kind}`)} · {t(`sharing.exchange.category.${p.category}`)} ·{' '}
                {p.organisation ? `${p.author.name} (${p.organisation.name})` : p.author.name}
              </p>
            </PageHeading>
            <SharingNav />
            <section className="card" aria-labelledby="post-about">
              <h2 id="post-about" className="visually-hidden">
                {t('sharing.exchange.details')}
              </h2>
              {p.description && <p className="prewrap">{p.description}</p>}
              <dl className="facts">
                {p.timeCreditMinutes !== null && (
                  <>
                    <dt>{t('sharing.exchange.minutes')}</dt>
                    <dd>{formatMinutes(t, p.timeCreditMinutes)}</dd>
                  </>
                )}
                <dt>{t('sharing.exchange.expiry')}</dt>
                <dd>
                  {p.status === 'closed' ? t('sharing.exchange.closed') : formatDate(p.expiresAt)}
                  {p.status === 'open' && expiresSoon(p) && ` – ${t('sharing.exchange.expiresSoon')}`}
                </dd>
              </dl>
              {step.error !== null && <FormError error={step.error} />}
              <div className="actions">
                {p.abilities.renew && (
                  <button
                    type="button"
                    className="button primary"
                    disabled={step.pending}
                    onClick={() => void act('renew')}
                  >
                    {t('sharing.exchange.renew')}
                  </button>
                )}
                {p.abilities.close && p.status === 'open' && (
                  <button
                    type="button"
                    className="button secondary"
                    disabled={step.pending}
                    onClick={() => void act('close')}
                  >
                    {t('sharing.exchange.close')}
                  </button>
                )}
                {session.account && !mine && p.kind === 'offer' && (
                  <Link className="button secondary" to={payLink}>
                    {t('sharing.exchange.pay', { name: p.author.name })}
                  </Link>
                )}
              </div>
            </section>
            {session.account ? (
              <Conversation post={p} />
            ) : (
              <p className="notice">
                <Link to={`/anmelden?weiter=${encodeURIComponent(`/tauschring/${p.id}`)}`}>
                  {t('sharing.exchange.signIn')}
                </Link>
              </p>
            )}
            <section className="card" aria-labelledby="matches-title">
              <h2 id="matches-title">{t('sharing.exchange.matches')}</h2>
              <QueryView
                query={matches}
                isEmpty={(m) => m.items.length === 0}
                empty={t('sharing.exchange.noMatches')}
              >
                {(m) => (
                  <ul className="card-list">
                    {m.items.map((x) => (
                      <PostCard key={x.id} p={x} />
                    ))}
                  </ul>
                )}
              </QueryView>
            </section>
          </>
        );
      }}
    </QueryView>
  );
}
