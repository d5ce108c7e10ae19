import './home.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ActivityView } from '../../../../server/routes/api/network/activity.ts';
import { api } from '../../app/api.ts';
import { currentLocale } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';
import { EntryPoints } from './EntryPoints.tsx';

type Activity = Static<typeof ActivityView>;
type Figure = Activity['figures'][number];

/**
 * The six networks, in the order of the article Knotenpunkt follows: each with a sentence, what one
 * can do there, where to start (none where it is not built yet — it says so instead) and its figures.
 */
const networks = [
  { area: 'knowledge', to: '/wissen', soon: false, figures: ['mapReports', 'newsPosts'] },
  { area: 'participation', to: '/mitmachen', soon: false, figures: ['opportunities', 'miniTasks', 'hours'] },
  { area: 'codesign', to: '/mitgestalten', soon: false, figures: ['codesignProjects'] },
  {
    area: 'sharing',
    to: '/teilen',
    soon: false,
    figures: ['resources', 'exchangePosts', 'bookings', 'timebankHours'],
  },
  { area: 'support', to: '/kreise', soon: false, figures: ['circles'] },
  { area: 'places', to: '/raeume', soon: false, figures: ['interactions', 'bridges'] },
] as const;

/** The time bank pays for the others; its figure is shown with Teilen, where it is offered. */
const shownWith: Record<string, string> = { timebank: 'sharing' };

export function useActivity() {
  return useQuery({
    queryKey: ['network', 'activity'],
    queryFn: () => api<Activity>('/network/activity'),
    staleTime: 60_000,
    retry: false,
  });
}

function monthName(firstDay: string): string {
  const [y = 2000, m = 1] = firstDay.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 15)));
}

const formatNumber = (n: number) =>
  new Intl.NumberFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE').format(n);

/** One figure: its number and what it counts. */
function FigureItem({ f, month }: { f: Shown; month: string }) {
  const { t } = useTranslation();
  return (
    <li className="figure">
      <span className="figure-value">{formatNumber(f.value)}</span>{' '}
      <span className="figure-label">{t(`front.figures.${f.key}`, { count: f.value, month })}</span>
    </li>
  );
}

/**
 * A figure worth showing: one with a number (the server withholds those that rest on fewer than five
 * people) that is not nought — an empty month says nothing a visitor needs.
 */
type Shown = Figure & { value: number };
const worthShowing = (f: Figure | undefined): f is Shown =>
  f !== undefined && f.value !== null && f.value > 0;

function useFigures() {
  const activity = useActivity();
  const month = activity.data ? monthName(activity.data.month.from) : '';
  const byKey = new Map<string, Figure>();
  for (const f of activity.data?.figures ?? []) byKey.set(`${shownWith[f.area] ?? f.area}:${f.key}`, f);
  const of = (area: string, key: string) => byKey.get(`${area}:${key}`);
  return { of, month };
}

/**
 * The front page for visitors (and /netzwerk for everyone): what this network is, in plain words;
 * three ways in by need; the town's activity in numbers (public, small cells withheld by the
 * server); the six networks with what one can do in each and where to start.
 */
export function FrontPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { of, month } = useFigures();
  const town = ['organisations', 'people'].map((k) => of('network', k)).filter(worthShowing);
  return (
    <>
      <PageHeading title={session.network.name}>
        <p className="lead">{t('front.lead', { network: session.network.name })}</p>
      </PageHeading>
      <EntryPoints />
      {town.length > 0 && (
        <section aria-labelledby="front-numbers" className="front-numbers">
          <h2 id="front-numbers">{t('front.numbers.title', { network: session.network.name })}</h2>
          <ul className="figures">
            {town.map((f) => (
              <FigureItem key={f.key} f={f} month={month} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="front-networks">
        <h2 id="front-networks">{t('front.networks.title')}</h2>
        <p>{t('front.networks.lead')}</p>
        <ul className="networks">
          {networks.map((n) => {
            const figures = n.figures.map((k) => of(n.area, k)).filter(worthShowing);
            return (
              <li key={n.area} className={n.soon ? 'network soon' : 'network'}>
                <h3>
                  {t(`front.networks.${n.area}.name`)}
                  {n.soon && <span className="soon-tag">{t('front.networks.soon')}</span>}
                </h3>
                <p>{t(`front.networks.${n.area}.text`)}</p>
                <p className="can">{t(`front.networks.${n.area}.can`)}</p>
                {figures.length > 0 && (
                  <ul
                    className="figures small"
                    aria-label={t('front.numbers.of', { network: t(`front.networks.${n.area}.name`) })}
                  >
                    {figures.map((f) => (
                      <FigureItem key={f.key} f={f} month={month} />
                    ))}
                  </ul>
                )}
                {n.to && (
                  <p>
                    <Link to={n.to} className={n.soon ? undefined : 'button secondary'}>
                      {t(`front.networks.${n.area}.link`)}
                    </Link>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {!session.account && (
        <section aria-labelledby="front-join" className="card">
          <h2 id="front-join">{t('front.join.title')}</h2>
          <p>{t('front.join.text')}</p>
          <p>
            <Link className="button primary" to="/anmelden">
              {t('front.join.signIn')}
            </Link>
          </p>
        </section>
      )}
      <section aria-labelledby="front-privacy">
        <h2 id="front-privacy">{t('front.privacy.title')}</h2>
        <p>{t('front.privacy.text')}</p>
      </section>
    </>
  );
}
