import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { Empty, PageHeading } from '../../../app/ui.tsx';
import { DossiersNav, useCompilerOrganisations, useMayCompile } from './Parts.tsx';
import { dossierKeys } from './queries.ts';

/** /wissen/dossiers/neu — start a draft for one's organisation (or, coordinators, for the network). */
export function CreatePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const mayCompile = useMayCompile();
  const orgs = useCompilerOrganisations();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('dossiers.done.created') });
  const options = [
    ...orgs.map((o) => ({ value: o.organisationId, label: o.name })),
    ...(session.account?.isInstanceAdmin ? [{ value: '', label: t('dossiers.create.network') }] : []),
  ];
  const [organisationId, setOrganisationId] = useState(options[0]?.value ?? '');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      const r = await api<{ id: string }>('/dossiers', {
        method: 'POST',
        body: { title: title.trim(), summary, organisationId: organisationId || null },
      });
      await qc.invalidateQueries({ queryKey: dossierKeys.all() });
      navigate(`/wissen/dossiers/${r.id}`);
    }, form.current);
  }

  return (
    <>
      <PageHeading title={t('dossiers.create.title')} />
      <DossiersNav />
      {!mayCompile ? (
        <Empty>{t('dossiers.drafts.notAllowed')}</Empty>
      ) : (
        <form ref={form} className="card" onSubmit={submit} noValidate>
          <FormError error={action.error} fields={['organisationId', 'title', 'summary']} />
          {options.length > 1 ? (
            <SelectField
              label={t('dossiers.create.for')}
              name="organisationId"
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
              options={options}
              error={action.error}
            />
          ) : (
            <p>
              {t('dossiers.create.for')}: <strong>{options[0]?.label}</strong>
            </p>
          )}
          <TextField
            label={t('dossiers.create.titleField')}
            name="title"
            hint={t('dossiers.create.titleHint')}
            required
            minLength={5}
            maxLength={160}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={action.error}
          />
          <MarkdownField
            label={t('dossiers.create.summary')}
            name="summary"
            hint={t('dossiers.create.summaryHint')}
            maxLength={20000}
            value={summary}
            onChange={setSummary}
            error={action.error}
          />
          <SubmitButton pending={action.pending}>{t('dossiers.create.submit')}</SubmitButton>
        </form>
      )}
    </>
  );
}
