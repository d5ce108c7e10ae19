import './today.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TodayView } from '../../../../server/routes/api/me/today.ts';
import { api } from '../../app/api.ts';
import { localDate, networkTimeZone } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorState, Loading, PageHeading } from '../../app/ui.tsx';

type Today = Static<typeof TodayView>;
type Section = Today['sections'][number];
type Item = Section['items'][number];
type Group = Section['group'];

/** The key of the home's answer, so a change elsewhere can refresh it (`['me', 'today']` by prefix). */
export const todayKey = (language: string) => ['me', 'today', language] as const;

const groups: Group[] = ['todo', 'upcoming', 'network', 'suggestion'];

function tag(language: string) {
  return language === 'en' ? 'en-GB' : 'de-DE';
}

/**
 * When an item is, in words: "heute, 14:30", "morgen, 09:30", "Fr., 12. Dez., 18:00"; "seit 3 Tagen";
 * "bis 27. Dez." — always in the network's time zone.
 */
export function whenText(t: TFunction, language: string, when: NonNullable<Item['when']>, now = new Date()) {
  const at = new Date(when.at);
  const time = new Intl.DateTimeFormat(tag(language), {
    timeZone: networkTimeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  const date = new Intl.DateTimeFormat(tag(language), {
    timeZone: networkTimeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(at);
  const day = localDate(at);
  const days = Math.round(
    (Date.parse(`${localDate(now)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
  );
  if (when.kind === 'since') {
    if (days <= 0) return t('today.when.sinceToday');
    if (days === 1) return t('today.when.sinceYesterday');
    return t('today.when.sinceDays', { count: days });
  }
  if (when.kind === 'until') return t('today.when.until', { date });
  if (days === 0) return t('today.when.today', { time });
  if (days === -1) return t('today.when.tomorrow', { time });
  return t('today.when.on', { date, time });
}

function TodayItem({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  // opening what a notification was about reads it
  const markRead = () => {
    if (item.notificationIds.length === 0) return;
    void Promise.allSettled(
      item.notificationIds.map((id) => api(`/notifications/${id}/read`, { method: 'POST' })),
    ).then(() => {
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      void qc.invalidateQueries({ queryKey: ['me', 'today'] });
    });
  };
  const meta = [item.when ? whenText(t, i18n.language, item.when) : null, item.detail].filter(Boolean);
  return (
    <li className="today-item">
      <Link to={item.link} className="today-link" onClick={markRead}>
        <span>{item.title}</span>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" className="today-arrow">
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2.4"
            strokeLinecap="round"
            strokeLinejoin="round"
            d="m9 5 7 7-7 7"
          />
        </svg>
      </Link>
      {meta.length > 0 && <p className="today-meta">{meta.join(' · ')}</p>}
    </li>
  );
}

function TodaySection({ section }: { section: Section }) {
  const { t } = useTranslation();
  const headingId = `today-${section.id.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const rest = section.total - section.items.length;
  return (
    <section className="today-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{section.title}</h3>
      <ul className="today-list">
        {section.items.map((item) => (
          <TodayItem key={item.key} item={item} />
        ))}
      </ul>
      {section.more && rest > 0 && (
        <p className="today-more">
          <Link to={section.more}>
            {t('today.more', { count: rest })}
            <span className="visually-hidden">: {section.title}</span>
          </Link>
        </p>
      )}
    </section>
  );
}

/** Where to start when nothing waits and nothing was found to suggest. */
function StartLinks() {
  const { t } = useTranslation();
  return (
    <ul className="link-list today-start">
      <li>
        <Link to="/mitmachen?stufe=mini">{t('today.start.help')}</Link>
      </li>
      <li>
        <Link to="/tauschring">{t('today.start.exchange')}</Link>
      </li>
      <li>
        <Link to="/teilen">{t('today.start.share')}</Link>
      </li>
    </ul>
  );
}

function Sections({ today }: { today: Today }) {
  const { t } = useTranslation();
  const busy = today.sections.some((s) => s.group === 'todo' || s.group === 'network');
  const suggestions = today.sections.some((s) => s.group === 'suggestion');
  return (
    <>
      {!busy && (
        <div className="today-calm" role="status">
          <p>{t('today.calm')}</p>
          {!suggestions && <StartLinks />}
        </div>
      )}
      {groups.map((group) => {
        const sections = today.sections.filter((s) => s.group === group);
        if (sections.length === 0) return null;
        return (
          <section
            key={group}
            className={`today-group today-${group}`}
            aria-labelledby={`today-group-${group}`}
          >
            <h2 id={`today-group-${group}`}>{t(`today.groups.${group}`)}</h2>
            {sections.map((s) => (
              <TodaySection key={s.id} section={s} />
            ))}
          </section>
        );
      })}
    </>
  );
}

/**
 * "Heute", the personal home of a signed-in person (`/` and `/heute`): what needs them today, one tap
 * from where it is done — care needs in their circles, approvals, confirmations, answers —, what they
 * have coming, for the network's coordinator what lies unanswered, and suggestions when nothing waits.
 * Every area contributes its sections on the server (GET /me/today); this page words none of them.
 * `children` come after the sections (the start page adds its ways in).
 */
export function TodayPage({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const today = useQuery({
    queryKey: todayKey(i18n.language),
    queryFn: () => api<Today>('/me/today'),
    // what waits changes with every claim and approval elsewhere: asked again whenever the page opens
    staleTime: 0,
    enabled: session.account !== null,
  });
  const name = session.account?.displayName ?? '';
  return (
    <>
      <PageHeading title={t('today.title')}>
        <p className="lead">{t('today.lead', { name })}</p>
      </PageHeading>
      {today.isPending ? (
        <Loading label={t('today.loading')} />
      ) : today.isError ? (
        <ErrorState error={today.error} onRetry={() => void today.refetch()} />
      ) : (
        <Sections today={today.data} />
      )}
      {children}
    </>
  );
}

export default TodayPage;
