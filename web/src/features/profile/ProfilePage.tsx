import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  Saved,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { currentLocale, htmlLang, languageOffers, localeOfAccount } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import {
  type AccountActivity,
  type District,
  type Locale,
  locales,
  type Page,
  type Profile,
} from '../../app/types.ts';
import { ConfirmButton, formatDate, PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import { AvailabilityGrid } from './AvailabilityGrid.tsx';
import { TagInput } from './TagInput.tsx';

export function useDistricts() {
  return useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: District[] }>('/districts'),
    select: (d) => d.items,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([htmlLang(currentLocale())], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { setLocale } = useSession();
  const districts = useDistricts();
  const [displayName, setDisplayName] = useState(profile.displayName);
  // the language this page is shown in: saving keeps it on the account too
  const [locale, setLocaleDraft] = useState<Locale>(currentLocale);
  const [bio, setBio] = useState(profile.bio);
  const [skills, setSkills] = useState(profile.skills);
  const [interests, setInterests] = useState(profile.interests);
  const [languages, setLanguages] = useState(profile.languages);
  const [availability, setAvailability] = useState(profile.availability);
  const [districtIds, setDistrictIds] = useState(profile.districtIds);
  const save = useAction();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void save.run(async () => {
      const next = await api<Profile>('/me', {
        method: 'PATCH',
        body: { displayName, bio, skills, interests, languages, availability, districtIds },
      });
      if (next) qc.setQueryData(['me'], next);
      if (locale !== currentLocale() || locale !== localeOfAccount(profile)) await setLocale(locale);
      await qc.invalidateQueries({ queryKey: ['session'] });
    }, e.currentTarget);
  }

  const fields = ['displayName', 'bio', 'skills', 'interests', 'languages', 'availability', 'districtIds'];
  return (
    <form onSubmit={submit} noValidate className="card">
      <h2>{t('profile.aboutYou')}</h2>
      <FormError error={save.error} fields={fields} />
      <TextField
        label={t('profile.email')}
        name="email"
        value={profile.email}
        readOnly
        hint={t('profile.emailHint')}
      />
      <TextField
        label={t('profile.displayName')}
        name="displayName"
        autoComplete="name"
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={save.error}
      />
      <SelectField
        label={t('profile.language')}
        name="locale"
        value={locale}
        onChange={(e) => setLocaleDraft(locales.find((l) => l === e.target.value) ?? 'de')}
        options={locales.map((l) => ({ value: l, label: languageOffers[l].name }))}
        hint={t('profile.languageHint')}
        error={save.error}
      />
      <TextAreaField
        label={t('profile.bio')}
        name="bio"
        value={bio}
        onChange={(e) => setBio(e.target.value)}
        hint={t('profile.bioHint')}
        error={save.error}
      />
      <TagInput
        label={t('profile.skills')}
        name="skills"
        values={skills}
        onChange={setSkills}
        error={save.error}
      />
      <TagInput
        label={t('profile.interests')}
        name="interests"
        values={interests}
        onChange={setInterests}
        error={save.error}
      />
      <TagInput
        label={t('profile.languages')}
        name="languages"
        hint={t('profile.languagesHint')}
        values={languages}
        onChange={setLanguages}
        error={save.error}
        normalise={(v) => v.trim().toLowerCase()}
        display={languageName}
      />
      <AvailabilityGrid value={availability} onChange={setAvailability} />
      <fieldset className="field">
        <legend>{t('profile.districts')}</legend>
        {districts.isSuccess && districts.data.length > 0 ? (
          <ul className="check-list">
            {districts.data.map((d) => (
              <li key={d.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={districtIds.includes(d.id)}
                    onChange={(e) =>
                      setDistrictIds(
                        e.target.checked ? [...districtIds, d.id] : districtIds.filter((x) => x !== d.id),
                      )
                    }
                  />
                  {d.name}
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{districts.isPending ? t('common.loading') : t('profile.noDistricts')}</p>
        )}
      </fieldset>
      <SubmitButton pending={save.pending}>{t('profile.save')}</SubmitButton>
      <Saved show={save.done}>{t('profile.saved')}</Saved>
    </form>
  );
}

function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useAction();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void change.run(async () => {
      await api('/me/password', {
        method: 'PUT',
        body: hasPassword ? { currentPassword, newPassword } : { newPassword },
      });
      setCurrent('');
      setNew('');
      await qc.invalidateQueries({ queryKey: ['me'] });
    }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="card">
      <h2>{hasPassword ? t('password.change') : t('password.set')}</h2>
      <p>{t('password.intro')}</p>
      <FormError error={change.error} fields={['currentPassword', 'newPassword', 'password']} />
      {hasPassword && (
        <TextField
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
          error={change.error}
        />
      )}
      <TextField
        label={t('password.new')}
        name="newPassword"
        serverField={change.error && hasField(change.error, 'password') ? 'password' : 'newPassword'}
        type="password"
        autoComplete="new-password"
        required
        hint={t('password.hint')}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={change.error}
      />
      <SubmitButton pending={change.pending}>{t('password.submit')}</SubmitButton>
      <Saved show={change.done}>{t('password.saved')}</Saved>
    </form>
  );
}

/** In a session begun with an admin's sign-in link no password can be set (the server says 403). */
function NoPasswordInAssistedSession({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{hasPassword ? t('password.change') : t('password.set')}</h2>
      <p>{t('assisted.password')}</p>
    </section>
  );
}

/** What one entry of the account activity says, in words (unknown actions: a neutral text). */
function activityText(t: TFunction, a: AccountActivity): string {
  const by = a.byName ?? t('profile.activity.someone');
  const reason = a.reason ?? '';
  switch (a.action) {
    case 'session.created':
      return t(`profile.activity.session.${a.method ?? ''}`, {
        defaultValue: t('profile.activity.session.other'),
      });
    case 'account.sign_in_link_created':
      return t('profile.activity.signInLink', { name: by, reason });
    case 'account.blocked':
      return reason
        ? t('profile.activity.blockedReason', { name: by, reason })
        : t('profile.activity.blocked', { name: by });
    case 'account.unblocked':
      return reason
        ? t('profile.activity.unblockedReason', { name: by, reason })
        : t('profile.activity.unblocked', { name: by });
    default:
      return t(`profile.activity.actions.${a.action.replaceAll('.', '_')}`, {
        defaultValue: t('profile.activity.other'),
      });
  }
}

const activityPageSize = 10;

/**
 * /profil#aktivitaet: what was done with one's own account — sign-ins and how, password and profile
 * changes, and every sign-in link the administration made, with its name and reason. The
 * notification about such a link leads here: the heading then takes focus, once the list is there.
 */
function ActivitySection() {
  const { t } = useTranslation();
  const location = useLocation();
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const handled = useRef<string | null>(null);
  const [offset, setOffset] = useState(0);
  const activity = useQuery({
    queryKey: ['me', 'activity', offset],
    queryFn: () => api<Page<AccountActivity>>('/me/activity', { query: { limit: activityPageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  const ready = !activity.isPending;

  useEffect(() => {
    if (!ready || location.hash !== '#aktivitaet' || handled.current === location.key) return;
    handled.current = location.key;
    // after the layout's own focus on the page heading (a frame after a navigation)
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        section.current?.scrollIntoView({ block: 'start' });
        heading.current?.focus({ preventScroll: true });
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [ready, location.hash, location.key]);

  return (
    <section className="card scroll-target" aria-labelledby="aktivitaet" ref={section}>
      <h2 id="aktivitaet" ref={heading} tabIndex={-1}>
        {t('profile.activity.title')}
      </h2>
      <p>{t('profile.activity.intro')}</p>
      <QueryView query={activity} isEmpty={(p) => p.items.length === 0} empty={t('profile.activity.none')}>
        {(p) => (
          <>
            <ul className="activity-list">
              {p.items.map((a) => (
                <li
                  key={a.id}
                  className={
                    a.action === 'account.sign_in_link_created' || a.method === 'assisted_link'
                      ? 'assisted'
                      : undefined
                  }
                >
                  <p className="meta">
                    <time dateTime={a.at}>{formatDate(a.at, true)}</time>
                  </p>
                  <p>
                    {a.action === 'account.sign_in_link_created' ? (
                      <strong>{activityText(t, a)}</strong>
                    ) : (
                      activityText(t, a)
                    )}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function hasField(err: unknown, name: string): boolean {
  return typeof err === 'object' && err !== null && 'fields' in err && name in (err.fields as object);
}

function SignOut() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const out = useAction({ done: t('signOut.done.here') });
  return (
    <section className="card" aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">{t('signOut.title')}</h2>
      <FormError error={out.error} />
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={out.pending}
          onClick={() =>
            void out.run(async () => {
              await signOut(false, () => navigate('/', { replace: true }));
            })
          }
        >
          {t('signOut.here')}
        </button>
        <ConfirmButton
          label={t('signOut.everywhere')}
          title={t('signOut.everywhereTitle')}
          message={<p>{t('signOut.everywhereText')}</p>}
          confirmLabel={t('signOut.everywhereConfirm')}
          onConfirm={async () => {
            await signOut(true, () => navigate('/', { replace: true }));
          }}
          done={t('signOut.done.everywhere')}
        />
      </div>
    </section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Profile>('/me') });
  return (
    <>
      <PageHeading title={t('profile.title')} />
      <QueryView query={me}>
        {(profile) => (
          <div className="stack">
            <ProfileForm profile={profile} />
            <section className="card" aria-labelledby="interactions-title">
              <h2 id="interactions-title">{t('profile.interactionsTitle')}</h2>
              <p>{t('profile.interactionsText')}</p>
              <p>
                <Link to="/begegnungen">{t('profile.interactionsLink')}</Link>
              </p>
            </section>
            {session.assisted ? (
              <NoPasswordInAssistedSession hasPassword={profile.hasPassword} />
            ) : (
              <PasswordForm hasPassword={profile.hasPassword} />
            )}
            <ActivitySection />
            <SignOut />
          </div>
        )}
      </QueryView>
    </>
  );
}
