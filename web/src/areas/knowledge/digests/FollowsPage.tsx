import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { ChoiceGroup, FormError, SelectField, SubmitButton, useAction } from '../../../app/forms.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../../app/ui.tsx';
import './digests.css';
import { digestKeys } from './queries.ts';
import type { DigestFrequency, DigestSetting, Follow } from './types.ts';

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const pageSize = 20;

/**
 * /wissen/folgen: how often the digest comes (off until the person chooses), and everything they
 * follow, each with its page and a way to stop following.
 */
export function FollowsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('digests.page.title')}>
        <p className="lead">{t('digests.page.lead')}</p>
      </PageHeading>
      <DigestForm />
      <FollowList />
    </>
  );
}

function DigestForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: digestKeys.settings(),
    queryFn: () => api<DigestSetting>('/digest/settings'),
  });
  return (
    <section className="card" aria-labelledby="digest-heading">
      <h2 id="digest-heading">{t('digests.settings.title')}</h2>
      <QueryView query={settings}>
        {(s) => (
          <DigestFormFields
            setting={s}
            onSaved={(next) => client.setQueryData(digestKeys.settings(), next)}
          />
        )}
      </QueryView>
    </section>
  );
}

function DigestFormFields({
  setting,
  onSaved,
}: {
  setting: DigestSetting;
  onSaved: (s: DigestSetting) => void;
}) {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [frequency, setFrequency] = useState<DigestFrequency>(setting.frequency);
  const [weekday, setWeekday] = useState(String(setting.weekday ?? 1));
  const action = useAction();
  useEffect(() => {
    setFrequency(setting.frequency);
    if (setting.weekday) setWeekday(String(setting.weekday));
  }, [setting]);

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const saved = await api<DigestSetting>('/digest/settings', {
          method: 'PUT',
          body: frequency === 'weekly' ? { frequency, weekday: Number(weekday) } : { frequency },
        });
        onSaved(saved);
        return saved;
      },
      form.current,
      (saved) =>
        saved.frequency === 'off'
          ? t('digests.settings.done.off')
          : saved.frequency === 'daily'
            ? t('digests.settings.done.daily', { time: saved.sendsAt })
            : t('digests.settings.done.weekly', {
                weekday: t(`digests.weekdays.${saved.weekday ?? 1}`),
                time: saved.sendsAt,
              }),
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <FormError error={action.error} fields={['frequency', 'weekday']} />
      <ChoiceGroup<DigestFrequency>
        legend={t('digests.settings.frequency')}
        name="frequency"
        type="radio"
        hint={t('digests.settings.hint', { time: setting.sendsAt })}
        options={[
          { value: 'off', label: t('digests.settings.off') },
          {
            value: 'daily',
            label: t('digests.settings.daily'),
            hint: t('digests.settings.dailyHint', { time: setting.sendsAt }),
          },
          { value: 'weekly', label: t('digests.settings.weekly') },
        ]}
        value={[frequency]}
        onChange={([v]) => v && setFrequency(v)}
        error={action.error}
      />
      {frequency === 'weekly' && (
        <SelectField
          label={t('digests.settings.weekday')}
          name="weekday"
          value={weekday}
          onChange={(e) => setWeekday(e.target.value)}
          options={weekdays.map((d) => ({ value: String(d), label: t(`digests.weekdays.${d}`) }))}
          error={action.error}
        />
      )}
      <p className="hint">{t('digests.settings.privacy')}</p>
      <SubmitButton pending={action.pending}>{t('digests.settings.save')}</SubmitButton>
    </form>
  );
}

function FollowList() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [offset, setOffset] = useState(0);
  const follows = useQuery({
    queryKey: digestKeys.follows({ offset }),
    queryFn: () => api<Page<Follow>>('/follows', { query: { limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section className="card" aria-labelledby="follows-heading">
      <h2 id="follows-heading" ref={heading} tabIndex={-1}>
        {t('digests.list.title')}
        {follows.data && follows.data.total > 0 && <span className="muted"> ({follows.data.total})</span>}
      </h2>
      <QueryView query={follows} isEmpty={(p) => p.total === 0} empty={t('digests.list.empty')}>
        {(p) => (
          <>
            <ul className="card-list follow-list">
              {p.items.map((f) => {
                const name = f.title ?? t('digests.list.gone');
                return (
                  <li key={`${f.targetType}:${f.targetId}`} className="follow-row">
                    <div>
                      <span className="pill">{t(`digests.types.${f.targetType}`)}</span>{' '}
                      {f.path ? <Link to={f.path}>{f.title}</Link> : <span className="muted">{name}</span>}
                      <p className="hint">{t('digests.list.since', { date: formatDate(f.since) })}</p>
                    </div>
                    <ConfirmButton
                      className="button secondary"
                      label={t('digests.list.unfollow')}
                      accessibleName={t('digests.list.unfollowNamed', { name })}
                      title={t('digests.list.confirmTitle')}
                      message={t('digests.list.confirmMessage', { name })}
                      confirmLabel={t('digests.list.unfollow')}
                      onConfirm={async () => {
                        await api(`/follows/${f.targetType}/${f.targetId}`, { method: 'DELETE' });
                        if (p.items.length === 1 && offset > 0) setOffset(Math.max(0, offset - pageSize));
                        await client.invalidateQueries({ queryKey: digestKeys.follows() });
                      }}
                      done={{ text: t('digests.list.done', { name }), focus: 'follows-heading' }}
                    />
                  </li>
                );
              })}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                heading.current?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}
