import './circles.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeading, QueryView } from '../../app/ui.tsx';
import { useCircle } from './lib.ts';
import type { Circle } from './types.ts';

export type CircleSection = 'overview' | 'members' | 'map' | 'team' | 'consent' | 'privacy';

/**
 * Every page of one circle: the heading (which part, whose circle, my role), why it is frozen if it
 * is, and the circle's own navigation — only to the parts this member may open, the part shown marked
 * as the current one. The network map's pages (/kreise/:id/karte…, feature folder map/) are the
 * section 'map' with headings of their own (`title`); its print view stands alone.
 */
export function CircleFrame(props: {
  section: CircleSection;
  title?: (circle: Circle) => string;
  children: (circle: Circle) => ReactNode;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!session.assisted) return <OpenCircleFrame {...props} />;
  return (
    <>
      <PageHeading title={t('circles.list.title')} />
      <ClosedInAssistedSession />
    </>
  );
}

/**
 * In a session begun with an admin's sign-in link the server shows no circle (every circle route
 * answers 404): instead of an error or an empty list, why — and how to open them oneself.
 */
export function ClosedInAssistedSession() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="circles-closed">
      <h2 id="circles-closed">{t('assisted.circlesTitle')}</h2>
      <p>{t('assisted.circles')}</p>
    </section>
  );
}

function OpenCircleFrame({
  section,
  title,
  children,
}: {
  section: CircleSection;
  title?: (circle: Circle) => string;
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
            <PageHeading
              title={
                title?.(c) ?? (section === 'overview' ? name : `${t(`circles.nav.${section}`)} – ${name}`)
              }
            >
              <p className="meta">
                {t('circles.overview.myRole', { role: t(`circles.role.${c.myRole}`) })}
                {c.organisation && ` · ${t('circles.overview.openedWith', { org: c.organisation.name })}`}
              </p>
            </PageHeading>
            <CircleNav circle={c} current={section} />
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

function CircleNav({ circle: c, current }: { circle: Circle; current: CircleSection }) {
  const { t } = useTranslation();
  const base = `/kreise/${c.id}`;
  const a = c.abilities;
  const links: { section: CircleSection; to: string; show: boolean }[] = [
    { section: 'overview', to: base, show: true },
    { section: 'members', to: `${base}/mitglieder`, show: true },
    { section: 'map', to: `${base}/karte`, show: a.viewMap },
    { section: 'team', to: `${base}/team`, show: a.viewTeam },
    { section: 'consent', to: `${base}/einwilligung`, show: a.viewConsents },
    { section: 'privacy', to: `${base}/datenschutz`, show: a.viewAccessLog || a.export || a.requestDeletion },
  ];
  return (
    <nav aria-label={t('circles.nav.label')} className="subnav circle-nav">
      <ul>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.section}>
              <Link to={l.to} aria-current={l.section === current ? 'page' : undefined}>
                {t(`circles.nav.${l.section}`)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

function StatusNotice({ circle, section }: { circle: Circle; section: CircleSection }) {
  const { t } = useTranslation();
  if (circle.status === 'active' && circle.awaitingOwner)
    return <PreparingNotice circle={circle} section={section} />;
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

/**
 * A circle nobody owns yet: the professional who opened it only prepares it until the person (or their
 * legal representative) accepts an invitation — said on every page, with the way to that invitation.
 */
function PreparingNotice({ circle, section }: { circle: Circle; section: CircleSection }) {
  const { t } = useTranslation();
  return (
    <section className="notice circle-status" aria-labelledby="circle-status">
      <h2 id="circle-status">{t('circles.status.preparing')}</h2>
      <p>{t('circles.overview.preparing', { name: circle.personLabel })}</p>
      {circle.abilities.inviteOwner && section !== 'members' && (
        <p>
          <Link to={`/kreise/${circle.id}/mitglieder`}>
            {t('circles.overview.preparingInvite', { name: circle.personLabel })}
          </Link>
        </p>
      )}
    </section>
  );
}
