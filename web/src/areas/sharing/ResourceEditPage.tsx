import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { ConfirmButton, PageHeading, QueryView } from '../../app/ui.tsx';
import { useResource } from './lib.ts';
import { sharingKeys } from './queries.ts';
import { AvailabilityEditor, PhotoEditor, ResourceForm } from './ResourceForms.tsx';
import { SharingNav } from './SharingNav.tsx';

/** /teilen/ressourcen/:id/bearbeiten */
export function ResourceEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const resource = useResource(id);
  return (
    <QueryView query={resource}>
      {(r) => (
        <>
          <PageHeading title={t('sharing.edit.editTitle', { title: r.title })}>
            <p>
              <Link to={`/teilen/ressourcen/${r.id}`}>{t('sharing.edit.back')}</Link>
            </p>
          </PageHeading>
          <SharingNav />
          {r.abilities.update ? (
            <>
              <ResourceForm key={r.id} r={r} />
              <PhotoEditor r={r} />
              {r.abilities.manageAvailability && <AvailabilityEditor r={r} />}
              {r.abilities.delete && r.active && (
                <section className="card" aria-labelledby="withdraw-title">
                  <h2 id="withdraw-title">{t('sharing.edit.withdraw')}</h2>
                  <p>{t('sharing.edit.withdrawText')}</p>
                  <ConfirmButton
                    label={t('sharing.edit.withdraw')}
                    title={t('sharing.edit.withdraw')}
                    message={t('sharing.edit.withdrawText')}
                    confirmLabel={t('sharing.edit.withdraw')}
                    done={t('sharing.done.resourceWithdrawn')}
                    onConfirm={async () => {
                      await api(`/resources/${r.id}`, { method: 'DELETE' });
                      await qc.invalidateQueries({ queryKey: sharingKeys.resources() });
                      await qc.invalidateQueries({ queryKey: sharingKeys.resource(r.id) });
                      navigate('/teilen');
                    }}
                  />
                </section>
              )}
            </>
          ) : (
            <p role="alert">{t('sharing.edit.notAllowed')}</p>
          )}
        </>
      )}
    </QueryView>
  );
}
