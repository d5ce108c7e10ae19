import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../app/ui.tsx';
import { AccountsSection } from './AccountsSection.tsx';
import { AuditSection } from './AuditSection.tsx';
import { DistrictsSection } from './DistrictsSection.tsx';
import { FederationSection } from './FederationSection.tsx';
import { ModerationSection } from './ModerationSection.tsx';
import { OutboxSection } from './OutboxSection.tsx';
import { SettingsSection } from './SettingsSection.tsx';

/** /verwaltung: the instance admin's areas, each listed only for those the server lets in. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const a = session.abilities;
  const sections = [
    {
      path: 'einstellungen',
      label: t('admin.settings.title'),
      allowed: a.administer,
      element: <SettingsSection />,
    },
    {
      path: 'bezirke',
      label: t('admin.districts.title'),
      allowed: a.administer,
      element: <DistrictsSection />,
    },
    { path: 'meldungen', label: t('admin.flags.title'), allowed: a.moderate, element: <ModerationSection /> },
    {
      path: 'konten',
      label: t('admin.accounts.title'),
      allowed: a.administer || a.moderate,
      element: <AccountsSection />,
    },
    {
      path: 'postausgang',
      label: t('admin.outbox.title'),
      allowed: a.readOutbox,
      element: <OutboxSection />,
    },
    {
      path: 'foederation',
      label: t('admin.federation.title'),
      allowed: a.administer,
      element: <FederationSection />,
    },
    { path: 'protokoll', label: t('admin.audit.title'), allowed: a.readAuditLog, element: <AuditSection /> },
  ].filter((s) => s.allowed);

  if (sections.length === 0) {
    return (
      <>
        <PageHeading title={t('admin.title')} />
        <p role="alert">{t('admin.notAllowed')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('admin.title')} />
      <nav aria-label={t('admin.sections')} className="subnav">
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <NavLink to={`/verwaltung/${s.path}`}>{s.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to={sections[0]?.path ?? 'einstellungen'} replace />} />
        {sections.map((s) => (
          <Route key={s.path} path={s.path} element={s.element} />
        ))}
        <Route path="*" element={<p role="alert">{t('admin.unknownSection')}</p>} />
      </Routes>
    </>
  );
}
