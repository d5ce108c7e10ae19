import './participation.css';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField, TextField } from '../../app/forms.tsx';
import { currentLocale } from '../../app/i18n.ts';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import type { District } from '../../app/types.ts';
import { useUrlFilters } from '../../app/urlFilters.ts';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { participationKeys } from './queries.ts';
import {
  type HoursStatus,
  type Level,
  ladderLevels,
  modes,
  type Opportunity,
  type SignupStatus,
  timesOfDay,
} from './types.ts';

/** Organisations the signed-in person coordinates for (staff or admin). */
export function useCoordinatedOrganisations() {
  const { session } = useSession();
  return (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
}

/** The Mitmachen area's own navigation. */
export function ParticipationNav() {
  const { t } = useTranslation();
  const { session } = useSession();
  const signedIn = Boolean(session.account);
  const coordinates = useCoordinatedOrganisations().length > 0;
  const links = [
    { to: '/mitmachen', label: t('participation.nav.find'), end: true, show: true },
    { to: '/mitmachen/karte', label: t('participation.nav.map'), end: true, show: true },
    { to: '/mitmachen/meine', label: t('participation.nav.mine'), end: true, show: signedIn },
    { to: '/mitmachen/stunden', label: t('participation.nav.hours'), end: true, show: signedIn },
    {
      to: '/mitmachen/koordination',
      label: t('participation.nav.coordination'),
      end: false,
      show: coordinates,
    },
    { to: '/mitmachen/praxis', label: t('participation.nav.playbook'), end: false, show: true },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('participation.nav.label')} className="subnav">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function useOpportunity(id: string | undefined) {
  return useQuery({
    queryKey: participationKeys.opportunity(id),
    queryFn: () => api<Opportunity>(`/opportunities/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Languages offered in the filters and the form; any other code the server sends is still shown by name. */
export const commonLanguages = ['de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fr', 'es', 'fa'];

export function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames([currentLocale() === 'en' ? 'en' : 'de'], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function levelOptions(t: TFunction) {
  return ladderLevels.map((l) => ({ value: l, label: t(`participation.level.${l}`) }));
}

export function modeOptions(t: TFunction) {
  return modes.map((m) => ({ value: m, label: t(`participation.mode.${m}`) }));
}

/** The rung as a small badge: the number on the ladder and its name (never colour alone). */
export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <span className={`level-badge level-${level}`}>
      <span aria-hidden="true">{ladderLevels.indexOf(level) + 1} · </span>
      {t(`participation.level.${level}`)}
    </span>
  );
}

const signupTone: Record<SignupStatus, string> = {
  signed_up: 'good',
  checked_in: 'good',
  waitlisted: 'wait',
  withdrawn: 'bad',
  no_show: 'bad',
};

export function SignupStatusPill({ status, position }: { status: SignupStatus; position?: number | null }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill ${signupTone[status]}`}>
      {status === 'waitlisted' && position
        ? t('participation.signup.waitlistPosition', { position })
        : t(`participation.signup.status.${status}`)}
    </span>
  );
}

const hoursTone: Record<HoursStatus, string> = { pending: 'wait', confirmed: 'good', rejected: 'bad' };

export function HoursStatusPill({ status }: { status: HoursStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill ${hoursTone[status]}`}>{t(`participation.hours.status.${status}`)}</span>
  );
}

export function districtName(districts: District[] | undefined, id: string | null): string | null {
  if (!id) return null;
  return districts?.find((d) => d.id === id)?.name ?? null;
}

export function organisationNames(o: Opportunity): string {
  return o.organisations.map((x) => x.name).join(' & ');
}

export function OpportunityCard({
  o,
  districts,
  reasons,
}: {
  o: Opportunity;
  districts: District[] | undefined;
  reasons?: string[];
}) {
  const { t } = useTranslation();
  const district = districtName(districts, o.districtId);
  return (
    <li className="card opportunity-card">
      <p className="meta">
        <LevelBadge level={o.level} />
        {o.status !== 'published' && (
          <>
            {' '}
            <span className="status-pill wait">{t(`participation.status.${o.status}`)}</span>
          </>
        )}
      </p>
      <h3>
        <Link to={`/mitmachen/${o.id}`}>{o.title}</Link>
      </h3>
      <p className="meta">
        {organisationNames(o)} · {t(`participation.mode.${o.mode}`)}
        {district && ` · ${district}`}
        {o.effortMinutes !== null &&
          ` · ${t('participation.opportunity.effort', { time: formatMinutes(t, o.effortMinutes) })}`}
      </p>
      <p className="meta">
        {o.nextShiftAt
          ? t('participation.opportunity.next', { when: formatDateTime(o.nextShiftAt) })
          : t('participation.opportunity.noShift')}
        {o.needsPoliceClearance && ` · ${t('participation.opportunity.policeClearanceShort')}`}
      </p>
      {reasons && reasons.length > 0 && (
        <p className="meta">
          {t('participation.suggestions.because', {
            reasons: reasons.map((r) => t(`participation.suggestions.reason.${r}`)).join(', '),
          })}
        </p>
      )}
    </li>
  );
}

/** The list's filters as they stand in the URL (German parameter names), and as the API wants them. */
export interface Filters {
  level: string;
  from: string;
  to: string;
  timeOfDay: string;
  online: string;
  district: string;
  skill: string;
  language: string;
  q: string;
}

const paramNames: Record<keyof Filters, string> = {
  level: 'stufe',
  from: 'von',
  to: 'bis',
  timeOfDay: 'tageszeit',
  online: 'ort',
  district: 'bezirk',
  skill: 'faehigkeit',
  language: 'sprache',
  q: 'q',
};

export function readFilters(params: URLSearchParams): Filters {
  const out = {} as Filters;
  for (const [k, p] of Object.entries(paramNames) as [keyof Filters, string][]) out[k] = params.get(p) ?? '';
  return out;
}

export function filterQuery(f: Filters) {
  return {
    level: f.level || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    timeOfDay: f.timeOfDay || undefined,
    online: f.online === 'online' ? true : f.online === 'vor-ort' ? false : undefined,
    districtId: f.district || undefined,
    skill: f.skill.trim() || undefined,
    language: f.language || undefined,
    q: f.q.trim() || undefined,
  };
}

export function hasFilters(f: Filters): boolean {
  return Object.values(f).some(Boolean);
}

/** Level, dates, time of day, online or on site, district, skill, language and text; state lives in the URL. */
export function OpportunityFilters() {
  const { t } = useTranslation();
  const { current, draft, set, setParams } = useUrlFilters(readFilters);
  const districts = useDistricts();

  function submit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(draft) as [keyof Filters, string][])
      if (v.trim()) next.set(paramNames[k], v.trim());
    setParams(next);
  }

  return (
    <search>
      <form className="participation-filters" onSubmit={submit} aria-label={t('participation.filters.label')}>
        <div className="field-row">
          <TextField
            label={t('participation.filters.q')}
            name="q"
            type="search"
            value={draft.q}
            onChange={set('q')}
          />
          <SelectField
            label={t('participation.filters.level')}
            name="level"
            value={draft.level}
            onChange={set('level')}
            options={[{ value: '', label: t('participation.filters.allLevels') }, ...levelOptions(t)]}
          />
          <SelectField
            label={t('participation.filters.where')}
            name="online"
            value={draft.online}
            onChange={set('online')}
            options={[
              { value: '', label: t('participation.filters.anyWhere') },
              { value: 'online', label: t('participation.filters.online') },
              { value: 'vor-ort', label: t('participation.filters.onSite') },
            ]}
          />
          <SelectField
            label={t('participation.filters.district')}
            name="district"
            value={draft.district}
            onChange={set('district')}
            options={[
              { value: '', label: t('participation.filters.allDistricts') },
              ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        </div>
        <details
          open={Boolean(current.from || current.to || current.timeOfDay || current.skill || current.language)}
        >
          <summary>{t('participation.filters.more')}</summary>
          <div className="field-row">
            <TextField
              label={t('participation.filters.from')}
              name="from"
              type="date"
              value={draft.from}
              onChange={set('from')}
            />
            <TextField
              label={t('participation.filters.to')}
              name="to"
              type="date"
              value={draft.to}
              onChange={set('to')}
            />
            <SelectField
              label={t('participation.filters.timeOfDay')}
              name="timeOfDay"
              value={draft.timeOfDay}
              onChange={set('timeOfDay')}
              options={[
                { value: '', label: t('participation.filters.anyTime') },
                ...timesOfDay.map((p) => ({ value: p, label: t(`participation.timeOfDay.${p}`) })),
              ]}
            />
            <TextField
              label={t('participation.filters.skill')}
              name="skill"
              value={draft.skill}
              onChange={set('skill')}
            />
            <SelectField
              label={t('participation.filters.language')}
              name="language"
              value={draft.language}
              onChange={set('language')}
              options={[
                { value: '', label: t('participation.filters.anyLanguage') },
                ...commonLanguages.map((l) => ({ value: l, label: languageName(l) })),
              ]}
            />
          </div>
        </details>
        <div className="actions">
          <button type="submit" className="button primary">
            {t('participation.filters.apply')}
          </button>
          {hasFilters(current) && (
            <button
              type="button"
              className="button secondary"
              onClick={() => setParams(new URLSearchParams())}
            >
              {t('participation.filters.reset')}
            </button>
          )}
        </div>
      </form>
    </search>
  );
}
