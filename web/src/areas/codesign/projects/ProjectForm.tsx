import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { projectKeys, projectPath, useOrganisingFor } from './queries.ts';
import {
  type Joining,
  joinings,
  type Project,
  type Template,
  templates,
  type Visibility,
  visibilities,
} from './types.ts';

/**
 * A project's text and settings: made new from a template (first the template, with plain words
 * on what each brings), or changed. A new join link's secret is shown once, on the project's admin page.
 */
export function ProjectForm({ existing, onSaved }: { existing?: Project; onSaved?: (p: Project) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const organising = useOrganisingFor();
  const action = useAction({ done: existing ? t('codesign.projects.form.saved') : undefined });
  const [organisationId, setOrganisationId] = useState(organising[0]?.organisationId ?? '');
  const [template, setTemplate] = useState<Template>('full');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [visibility, setVisibility] = useState<Visibility>(existing?.visibility ?? 'public');
  const [joining, setJoining] = useState<Joining>(existing?.joining ?? 'open');
  const fields = [
    '/organisationId',
    '/template',
    '/title',
    '/summary',
    '/description',
    '/visibility',
    '/joining',
  ];

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = {
      title: title.trim(),
      summary: summary.trim(),
      description,
      visibility,
      joining,
      districtId: existing?.district?.id ?? null,
    };
    void action.run(async () => {
      const p = existing
        ? await api<Project>(`/codesign/projects/${existing.id}`, { method: 'PUT', body })
        : await api<Project>('/codesign/projects', {
            method: 'POST',
            body: { ...body, organisationId, template },
          });
      qc.setQueryData(projectKeys.project(p.id), p);
      await qc.invalidateQueries({ queryKey: projectKeys.projects() });
      if (onSaved) onSaved(p);
      else navigate(`${projectPath(p.id)}/verwalten`, { state: { joinSecret: p.joinSecret } });
    }, e.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="codesign-project-form">
      <FormError error={action.error} fields={fields} />
      {!existing && (
        <>
          {organising.length > 1 && (
            <SelectField
              label={t('codesign.projects.form.organisation')}
              name="organisationId"
              serverField="/organisationId"
              error={action.error}
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
              options={organising.map((m) => ({ value: m.organisationId, label: m.name }))}
            />
          )}
          <ChoiceGroup
            legend={t('codesign.projects.form.template')}
            hint={t('codesign.projects.form.templateHint')}
            name="template"
            type="radio"
            value={[template]}
            onChange={(v) => setTemplate(v[0] ?? 'full')}
            error={action.error}
            serverField="/template"
            options={templates.map((x) => ({
              value: x,
              label: t(`codesign.projects.template.${x}.name`),
              hint: t(`codesign.projects.template.${x}.text`),
            }))}
          />
        </>
      )}
      <TextField
        label={t('codesign.projects.form.title')}
        hint={t('codesign.projects.form.titleHint')}
        name="title"
        serverField="/title"
        error={action.error}
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('codesign.projects.form.summary')}
        hint={t('codesign.projects.form.summaryHint')}
        name="summary"
        serverField="/summary"
        error={action.error}
        maxLength={500}
        rows={3}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      <TextAreaField
        label={t('codesign.projects.form.description')}
        hint={t('codesign.projects.form.descriptionHint')}
        name="description"
        serverField="/description"
        error={action.error}
        maxLength={20000}
        rows={8}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <ChoiceGroup
        legend={t('codesign.projects.form.visibility')}
        name="visibility"
        type="radio"
        value={[visibility]}
        onChange={(v) => setVisibility(v[0] ?? 'public')}
        error={action.error}
        serverField="/visibility"
        options={visibilities.map((v) => ({
          value: v,
          label: t(`codesign.projects.visibility.${v}.name`),
          hint: t(`codesign.projects.visibility.${v}.text`),
        }))}
      />
      <ChoiceGroup
        legend={t('codesign.projects.form.joining')}
        name="joining"
        type="radio"
        value={[joining]}
        onChange={(v) => setJoining(v[0] ?? 'open')}
        error={action.error}
        serverField="/joining"
        options={joinings.map((j) => ({
          value: j,
          label: t(`codesign.projects.joining.${j}.name`),
          hint: t(`codesign.projects.joining.${j}.text`),
        }))}
      />
      <SubmitButton pending={action.pending}>
        {existing ? t('codesign.projects.form.save') : t('codesign.projects.form.create')}
      </SubmitButton>
    </form>
  );
}
