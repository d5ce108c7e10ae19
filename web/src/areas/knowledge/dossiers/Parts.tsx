import './dossiers.css';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { currentLocale } from '../../../app/i18n.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDate } from '../../../app/ui.tsx';
import { formatDay } from './lib.ts';
import type { DossierStatus, DossierSummary } from './types.ts';

/** Organisations the signed-in person may compile for (staff or admin). */
export function useCompilerOrganisations() {
  const { session } = useSession();
  return (session.account?.memberships ?? []).filter((m) => m.role === 'admin' || m.role === 'staff');
}

/** Whether the person may compile dossiers at all. */
export function useMayCompile() {
  const { session } = useSession();
  const orgs = useCompilerOrganisations();
  return Boolean(session.account?.isInstanceAdmin) || orgs.length > 0;
}

/** The dossiers' own navigation. */
export function DossiersNav() {
  const { t } = useTranslation();
  const mayCompile = useMayCompile();
  const actsFor = useCompilerOrganisations().length > 0;
  const links = [
    { to: '/wissen/dossiers', label: t('dossiers.nav.public'), show: true },
    { to: '/wissen/dossiers/entwuerfe', label: t('dossiers.nav.drafts'), show: mayCompile },
    { to: '/wissen/dossiers/posteingang', label: t('dossiers.nav.inbox'), show: actsFor },
    { to: '/wissen/dossiers/neu', label: t('dossiers.nav.new'), show: mayCompile },
  ].filter((l) => l.show);
  if (links.length < 2) return null;
  return (
    <nav aria-label={t('dossiers.nav.label')} className="subnav no-print">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const tone: Record<DossierStatus, string> = {
  draft: 'wait',
  sent: 'wait',
  received: 'wait',
  on_agenda: 'wait',
  answered: 'good',
};

export function StatusPill({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill ${tone[status]}`}>{t(`dossiers.status.${status}`)}</span>;
}

/** One dossier in a list: its title as the link, its state, from whom to whom and when. */
export function DossierCards({ items }: { items: DossierSummary[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <ul className="card-list dossier-list">
      {items.map((d) => (
        <li key={d.id} className="card">
          <h3>
            <Link to={`/wissen/dossiers/${d.id}`}>{d.title}</Link>
          </h3>
          <p className="meta">
            <StatusPill status={d.status} /> {t('dossiers.list.from', { name: d.compiledBy })}
            {d.recipientName && <> · {t('dossiers.list.to', { name: d.recipientName })}</>}
          </p>
          <p className="meta">
            {d.status === 'answered' && d.answeredAt
              ? t('dossiers.list.answeredOn', { date: formatDate(d.answeredAt) })
              : d.status === 'on_agenda' && d.committee && d.agendaDate
                ? t('dossiers.list.agenda', { committee: d.committee, date: formatDay(d.agendaDate, locale) })
                : d.sentAt
                  ? t('dossiers.list.sentOn', { date: formatDate(d.sentAt) })
                  : t('dossiers.list.changedOn', { date: formatDate(d.updatedAt) })}
          </p>
        </li>
      ))}
    </ul>
  );
}
