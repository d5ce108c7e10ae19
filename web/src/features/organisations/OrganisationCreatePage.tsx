import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { announce } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.tsx';
import type { Organisation } from '../../app/types.ts';
import { PageHeading } from '../../app/ui.tsx';
import { OrganisationForm } from './OrganisationForm.tsx';

/** /organisationen/neu: instance admins add an organisation to the directory. */
export default function OrganisationCreatePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  if (!session.abilities.createOrganisation) return <Navigate to="/organisationen" replace />;
  return (
    <>
      <PageHeading title={t('organisations.create')} />
      <div className="card">
        <OrganisationForm
          withSlug
          submitLabel={t('orgForm.create')}
          onSubmit={async (draft) => {
            const org = await api<Organisation>('/organisations', { method: 'POST', body: draft });
            await qc.invalidateQueries({ queryKey: ['organisations'] });
            navigate(`/organisationen/${org.slug}`);
            announce(t('orgForm.done.created', { name: org.name }));
          }}
        />
      </div>
    </>
  );
}
