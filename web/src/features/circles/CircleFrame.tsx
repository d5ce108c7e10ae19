import './circles.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { formatDateTime } from '../sharing/lib.ts';
import { useCircle } from './lib.ts';
import type { Circle } from './types.ts';

export type CircleSection = 'overview' | 'members' | 'team' | 'consent' | 'privacy';

/**
 * Every page of one circle: the heading (which part, whose circle, my role), why it is frozen if it
 * is, and the circle's own navigation — only to the parts this member may open. The network map
 * lives at /kreise/:id/karte (its own feature folder, map/).
 */
export function CircleFrame({
  section,
  children,
}: {
  section: CircleSection;
  children: (circle: Circle) => ReactNode;
}) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const circle = useCircle(id);
  return (
    <QueryView query={circle}>
      {(c) => {
        const name = t('circles.circleOf', { name: c.personLabel });
        return (
          <>
            <PageHeading title={section === 'overview' ? name : `${t(`circles.nav.${section}`)} – ${name}`}>
              <p className="meta">
                {t('circles.overview.myRole', { role: t(`circles.role.${c.myRole}`) })}
                {c.organisation && ` · ${t('circles.overview.openedWith', { org: c.organisation.name })}`}
              </p>
            </PageHeading>
            <CircleNav circle={c} />
            <StatusNotice circle={c} section={section} />
            {children(c)}
            <p className="page-end">
              <Link to="/kreise">{t('circles.overview.back')}</Link>
            </p>
          </>
        );
      }}
    </QueryView>
  );
}

function CircleNav({ circle: c }: { circle: Circle }) {
  const { t } = useTranslation();
  const base = `/kreise/${c.id}`;
  const a = c.abilities;
  const links = [
    { to: base, label: t('circles.nav.overview'), end: true, show: true },
    { to: `${base}/mitglieder`, label: t('circles.nav.members'), end: true, show: true },
    { to: `${base}/karte`, label: t('circles.nav.map'), end: false, show: a.viewMap },
    { to: `${base}/team`, label: t('circles.nav.team'), end: true, show: a.viewTeam },
    { to: `${base}/einwilligung`, label: t('circles.nav.consent'), end: true, show: a.viewConsents },
    {
      to: `${base}/datenschutz`,
      label: t('circles.nav.privacy'),
      end: true,
      show: a.viewAccessLog || a.export || a.requestDeletion,
    },
  ].filter((l) => l.show);
  return (
    <nav aria-label={t('circles.nav.label')} className="subnav circle-nav">
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

function StatusNotice({ circle, section }: { circle: Circle; section: CircleSection }) {
  const { t } = useTranslation();
  if (circle.status === 'active') return null;
  return (
    <section className="notice circle-status" aria-labelledby="circle-status">
      <h2 id="circle-status">{t(`circles.status.${circle.status}`)}</h2>
      <p>
        {circle.status === 'frozen'
          ? t('circles.overview.frozen', { name: circle.personLabel })
          : t('circles.overview.deletion', { date: formatDateTime(circle.purgeAfter ?? circle.createdAt) })}
      </p>
      {circle.status === 'frozen' && circle.abilities.grantConsent && section !== 'consent' && (
        <p>
          <Link to={`/kreise/${circle.id}/einwilligung`}>{t('circles.overview.renewLink')}</Link>
        </p>
      )}
      {circle.status === 'deletion_requested' &&
        circle.abilities.requestDeletion &&
        section !== 'privacy' && (
          <p>
            <Link to={`/kreise/${circle.id}/datenschutz`}>{t('circles.overview.cancelDeletionLink')}</Link>
          </p>
        )}
    </section>
  );
}
