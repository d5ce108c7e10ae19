import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { Page } from '../../app/types.ts';
import { PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { PostCard } from './ExchangeParts.tsx';
import { sharingKeys } from './queries.ts';
import { SharingNav } from './SharingNav.tsx';
import { type Post, postCategories } from './types.ts';

const pageSize = 10;

function PostForm() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('sharing.done.postCreated') });
  const orgs = (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
  const [d, setD] = useState({
    kind: 'offer',
    category: 'help',
    title: '',
    description: '',
    districtId: '',
    minutes: '',
    days: '30',
    org: '',
  });
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) =>
    setD((x) => ({ ...x, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    await action.run(async () => {
      const post = await api<Post>('/exchange/posts', {
        method: 'POST',
        body: {
          kind: d.kind,
          category: d.category,
          title: d.title.trim(),
          description: d.description.trim() || undefined,
          districtId: d.districtId || undefined,
          timeCreditMinutes: d.minutes ? Number(d.minutes) : undefined,
          organisationId: d.org || undefined,
          days: Number(d.days),
        },
      });
      await qc.invalidateQueries({ queryKey: sharingKeys.exchange() });
      navigate(`/tauschring/${post.id}`);
    }, form.current);
  }
  return (
    <details className="card">
      <summary>{t('sharing.exchange.new')}</summary>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError
          error={action.error}
          fields={[
            'kind',
            'category',
            'title',
            'description',
            'districtId',
            'timeCreditMinutes',
            'days',
            'organisationId',
          ]}
        />
        <div className="field-row">
          <SelectField
            label={t('sharing.exchange.kindLabel')}
            name="kind"
            value={d.kind}
            onChange={set('kind')}
            error={action.error}
            options={[
              { value: 'offer', label: t('sharing.exchange.kind.offer') },
              { value: 'want', label: t('sharing.exchange.kind.want') },
            ]}
          />
          <SelectField
            label={t('sharing.exchange.categoryLabel')}
            name="category"
            value={d.category}
            onChange={set('category')}
            error={action.error}
            options={postCategories.map((c) => ({ value: c, label: t(`sharing.exchange.category.${c}`) }))}
          />
        </div>
        <TextField
          label={t('sharing.exchange.titleLabel')}
          name="title"
          required
          value={d.title}
          onChange={set('title')}
          error={action.error}
          maxLength={120}
        />
        <TextAreaField
          label={t('sharing.exchange.description')}
          name="description"
          value={d.description}
          onChange={set('description')}
          error={action.error}
          rows={3}
        />
        <div className="field-row">
          <SelectField
            label={t('sharing.filters.district')}
            name="districtId"
            value={d.districtId}
            onChange={set('districtId')}
            error={action.error}
            options={[
              { value: '', label: t('sharing.edit.noDistrict') },
              ...(districts.data ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
          <TextField
            label={t('sharing.exchange.minutes')}
            name="timeCreditMinutes"
            type="number"
            min={1}
            max={6000}
            value={d.minutes}
            onChange={set('minutes')}
            error={action.error}
            hint={t('sharing.exchange.minutesHint')}
          />
          <SelectField
            label={t('sharing.exchange.days')}
            name="days"
            value={d.days}
            onChange={set('days')}
            error={action.error}
            options={['7', '14', '30', '60', '90'].map((x) => ({
              value: x,
              label: t('sharing.exchange.daysOption', { count: Number(x) }),
            }))}
          />
        </div>
        {orgs.length > 0 && (
          <SelectField
            label={t('sharing.exchange.forOrganisation')}
            name="organisationId"
            value={d.org}
            onChange={set('org')}
            error={action.error}
            options={[
              { value: '', label: t('sharing.book.forMyself') },
              ...orgs.map((m) => ({ value: m.organisationId, label: m.name })),
            ]}
          />
        )}
        <SubmitButton pending={action.pending}>{t('sharing.exchange.publish')}</SubmitButton>
      </form>
    </details>
  );
}

/** /tauschring: offers and wants, filtered; my own posts with renew and close. */
export function ExchangePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = params.get('art') ?? '';
  const category = params.get('kategorie') ?? '';
  const q = params.get('q') ?? '';
  const mine = params.get('meine') === '1';
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const [draft, setDraft] = useState({ kind, category, q });
  const list = useQuery({
    queryKey: sharingKeys.exchange('posts', kind, category, q, mine, offset),
    queryFn: () =>
      api<Page<Post>>('/exchange/posts', {
        query: {
          kind: kind || undefined,
          category: category || undefined,
          q: q || undefined,
          mine: mine || undefined,
          limit: pageSize,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
    // posts name people: the board is for people signed in, who are asked to sign in below
    enabled: Boolean(session.account),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const p = new URLSearchParams();
    if (draft.kind) p.set('art', draft.kind);
    if (draft.category) p.set('kategorie', draft.category);
    if (draft.q.trim()) p.set('q', draft.q.trim());
    if (mine) p.set('meine', '1');
    setParams(p);
  }
  function goTo(n: number) {
    const p = new URLSearchParams(params);
    if (n > 0) p.set('ab', String(n));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  }
  if (!session.account)
    return (
      <>
        <PageHeading title={t('sharing.exchange.title')}>
          <p className="lead">{t('sharing.exchange.lead')}</p>
        </PageHeading>
        <SharingNav />
        <section className="card" aria-labelledby="exchange-sign-in">
          <h2 id="exchange-sign-in">{t('sharing.exchange.signInTitle')}</h2>
          <p>{t('sharing.exchange.signInText')}</p>
          <p className="actions">
            <Link className="button primary" to={`/anmelden?weiter=${encodeURIComponent('/tauschring')}`}>
              {t('sharing.exchange.signInButton')}
            </Link>
            {session.network.sendsEmail && (
              <Link
                className="button secondary"
                to={`/registrieren?weiter=${encodeURIComponent('/tauschring')}`}
              >
                {t('register.title')}
              </Link>
            )}
          </p>
        </section>
      </>
    );
  return (
    <>
      <PageHeading title={t('sharing.exchange.title')}>
        <p className="lead">{t('sharing.exchange.lead')}</p>
      </PageHeading>
      <SharingNav />
      {session.account && <PostForm />}
      <search>
        <form className="sharing-filters" onSubmit={submit} aria-label={t('sharing.exchange.filter')}>
          <div className="field-row">
            <TextField
              label={t('sharing.filters.q')}
              name="q"
              type="search"
              value={draft.q}
              onChange={(e) => setDraft((x) => ({ ...x, q: e.target.value }))}
            />
            <SelectField
              label={t('sharing.exchange.kindLabel')}
              name="kind"
              value={draft.kind}
              onChange={(e) => setDraft((x) => ({ ...x, kind: e.target.value }))}
              options={[
                { value: '', label: t('sharing.exchange.allKinds') },
                { value: 'offer', label: t('sharing.exchange.kind.offer') },
                { value: 'want', label: t('sharing.exchange.kind.want') },
              ]}
            />
            <SelectField
              label={t('sharing.exchange.categoryLabel')}
              name="category"
              value={draft.category}
              onChange={(e) => setDraft((x) => ({ ...x, category: e.target.value }))}
              options={[
                { value: '', label: t('sharing.exchange.allCategories') },
                ...postCategories.map((c) => ({ value: c, label: t(`sharing.exchange.category.${c}`) })),
              ]}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('sharing.filters.apply')}
            </button>
            {session.account && (
              <button
                type="button"
                className="button secondary"
                aria-pressed={mine}
                onClick={() => {
                  const p = new URLSearchParams(params);
                  if (mine) p.delete('meine');
                  else p.set('meine', '1');
                  p.delete('ab');
                  setParams(p);
                }}
              >
                {t('sharing.exchange.mine')}
              </button>
            )}
          </div>
        </form>
      </search>
      <section id="results" tabIndex={-1} aria-labelledby="results-title">
        <h2 id="results-title">{mine ? t('sharing.exchange.mineTitle') : t('sharing.exchange.results')}</h2>
        <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t('sharing.exchange.none')}>
          {(p) => (
            <>
              <p role="status">{t('sharing.exchange.count', { count: p.total })}</p>
              <ul className="card-list">
                {p.items.map((x) => (
                  <PostCard key={x.id} p={x} />
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={goTo} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
