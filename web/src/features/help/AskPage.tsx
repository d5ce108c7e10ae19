import './help.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PostView } from '../../../../server/areas/sharing/routes/exchange/schema.ts';
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
import type { District, Page } from '../../app/types.ts';
import { PageHeading } from '../../app/ui.tsx';
import { needBySlug } from './needs.ts';
import { SignInToContinue } from './parts.tsx';

type Post = Static<typeof PostView>;

/** The districts, as the profile and the catalogue ask for them (one cache entry for all). */
export function useDistrictList() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: District[] }>('/districts'),
    select: (d) => d.items,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

const dayChoices = [7, 14, 30, 60];

/**
 * /hilfe-finden/:need/fragen: the third tap — asking everyone. A want in the Tauschring, its title
 * and category taken from the kind of help chosen, so the person only adds what is theirs to say;
 * people who can help answer by message. A visitor is asked to sign in and comes back here.
 */
export default function AskPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { need: slug } = useParams();
  const need = needBySlug(slug);
  const qc = useQueryClient();
  const districts = useDistrictList();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [title, setTitle] = useState(need ? t(`help.needs.${need.key}.want`) : '');
  const [description, setDescription] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [days, setDays] = useState('30');
  const [posted, setPosted] = useState<Post | null>(null);
  // what the person already asks for: so nobody asks twice without knowing
  const mine = useQuery({
    queryKey: ['sharing', 'exchange', 'mine', 'wants'],
    queryFn: () => api<Page<Post>>('/exchange/posts', { query: { mine: true, kind: 'want', limit: 20 } }),
    enabled: Boolean(session.account),
    select: (p) =>
      p.items.filter((x) => x.kind === 'want' && x.status === 'open' && Date.parse(x.expiresAt) > Date.now()),
  });

  if (!need) {
    return (
      <>
        <PageHeading title={t('help.ask.title')} />
        <p role="alert">{t('help.need.unknown')}</p>
        <p>
          <Link to="/hilfe-finden">{t('help.need.back')}</Link>
        </p>
      </>
    );
  }
  const needTitle = t(`help.needs.${need.key}.title`);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!need) return;
    void action.run(
      async () => {
        const post = await api<Post>('/exchange/posts', {
          method: 'POST',
          body: {
            kind: 'want',
            category: need.category,
            title: title.trim(),
            description: description.trim() || undefined,
            districtId: districtId || undefined,
            days: Number(days),
          },
        });
        await qc.invalidateQueries({ queryKey: ['sharing'] });
        setPosted(post);
        return post;
      },
      form.current,
      (post) => ({ text: t('help.ask.done', { title: post.title }), focus: 'help-posted-title' }),
    );
  }

  return (
    <>
      <PageHeading title={t('help.ask.title')}>
        <p className="meta">{needTitle}</p>
        <p className="lead">{t('help.ask.lead')}</p>
      </PageHeading>
      {!session.account ? (
        <SignInToContinue />
      ) : posted ? (
        <section className="card help-done" aria-labelledby="help-posted-title">
          <h2 id="help-posted-title" tabIndex={-1}>
            {t('help.ask.done', { title: posted.title })}
          </h2>
          <p>
            <Link className="button primary" to={`/tauschring/${posted.id}`}>
              {t('help.ask.toPost')}
            </Link>
          </p>
        </section>
      ) : (
        <>
          {mine.data && mine.data.length > 0 && (
            <section className="notice help-already" aria-labelledby="help-mine-title">
              <h2 id="help-mine-title" className="notice-title">
                {t('help.ask.already', { count: mine.data.length })}
              </h2>
              <ul className="link-list">
                {mine.data.map((w) => (
                  <li key={w.id}>
                    <Link to={`/tauschring/${w.id}`}>{w.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <form ref={form} className="card" onSubmit={submit} noValidate>
            <FormError error={action.error} fields={['title', 'description', 'districtId', 'days']} />
            <TextField
              label={t('help.ask.titleLabel')}
              name="title"
              required
              maxLength={120}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={action.error}
              hint={t('help.ask.titleHint')}
            />
            <TextAreaField
              label={t('help.ask.description')}
              name="description"
              maxLength={3000}
              rows={4}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={action.error}
              hint={t('help.ask.descriptionHint')}
            />
            <div className="field-row">
              <SelectField
                label={t('help.ask.district')}
                name="districtId"
                value={districtId}
                onChange={(e) => setDistrictId(e.target.value)}
                error={action.error}
                options={[
                  { value: '', label: t('help.ask.noDistrict') },
                  ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
                ]}
              />
              <SelectField
                label={t('help.ask.days')}
                name="days"
                value={days}
                onChange={(e) => setDays(e.target.value)}
                error={action.error}
                options={dayChoices.map((n) => ({
                  value: String(n),
                  label: t('help.ask.daysOption', { count: n }),
                }))}
              />
            </div>
            <SubmitButton pending={action.pending}>{t('help.ask.submit')}</SubmitButton>
          </form>
        </>
      )}
      <p className="page-end">
        <Link to={`/hilfe-finden/${need.slug}`}>{t('help.ask.back', { need: needTitle })}</Link>
      </p>
    </>
  );
}
