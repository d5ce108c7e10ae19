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
import { MarkdownField } from '../../../app/RichText.tsx';
import { communityKeys, communityPath, useDistricts } from './queries.ts';
import { type Community, type CommunityInput, type Joining, joinings, type Space, spaces } from './types.ts';

const fields = ['name', 'summary', 'description', 'space', 'districtId', 'towns', 'joining'];

/**
 * A community's name, words and settings: made new (the maker owns it) or changed by its owners and
 * moderators. Where it meets decides what else is asked: a district for one that meets in one place,
 * the other towns for one that meets in several.
 */
export function CommunityForm({ existing }: { existing?: Community }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const action = useAction();
  const [name, setName] = useState(existing?.name ?? '');
  const [summary, setSummary] = useState(existing?.summary ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [space, setSpace] = useState<Space>(existing?.space ?? 'local');
  const [districtId, setDistrictId] = useState(existing?.district?.id ?? '');
  const [towns, setTowns] = useState((existing?.towns ?? []).join(', '));
  const [joining, setJoining] = useState<Joining>(existing?.joining ?? 'open');

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body: CommunityInput = {
      name: name.trim(),
      summary: summary.trim(),
      description,
      space,
      districtId: space === 'local' && districtId ? districtId : null,
      towns:
        space === 'translocal'
          ? towns
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : [],
      joining,
    };
    void action.run(
      async () => {
        if (existing) {
          const saved = await api<Community>(`/places/communities/${existing.id}`, { method: 'PUT', body });
          qc.setQueryData(communityKeys.one(existing.slug), saved);
          await qc.invalidateQueries({ queryKey: communityKeys.all });
          return;
        }
        const made = await api<{ id: string; slug: string }>('/places/communities', { method: 'POST', body });
        await qc.invalidateQueries({ queryKey: communityKeys.all });
        navigate(communityPath(made.slug));
      },
      e.currentTarget,
      existing ? t('placesCommunities.form.saved') : t('placesCommunities.form.created'),
    );
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <FormError error={action.error} fields={fields} />
      <TextField
        label={t('placesCommunities.form.name')}
        hint={t('placesCommunities.form.nameHint')}
        name="name"
        error={action.error}
        required
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextAreaField
        label={t('placesCommunities.form.summary')}
        hint={t('placesCommunities.form.summaryHint')}
        name="summary"
        error={action.error}
        maxLength={300}
        rows={3}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
      />
      <MarkdownField
        label={t('placesCommunities.form.description')}
        name="description"
        error={action.error}
        maxLength={20000}
        value={description}
        onChange={setDescription}
      />
      <ChoiceGroup
        legend={t('placesCommunities.form.space')}
        name="space"
        type="radio"
        value={[space]}
        onChange={(v) => setSpace(v[0] ?? 'local')}
        error={action.error}
        options={spaces.map((s) => ({
          value: s,
          label: t(`placesCommunities.space.${s}`),
          hint: t(`placesCommunities.spaceHint.${s}`),
        }))}
      />
      {space === 'local' && (
        <SelectField
          label={t('placesCommunities.form.district')}
          name="districtId"
          error={action.error}
          value={districtId}
          onChange={(e) => setDistrictId(e.target.value)}
          options={[
            { value: '', label: t('placesCommunities.form.noDistrict') },
            ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
      )}
      {space === 'translocal' && (
        <TextField
          label={t('placesCommunities.form.towns')}
          hint={t('placesCommunities.form.townsHint')}
          name="towns"
          error={action.error}
          maxLength={600}
          value={towns}
          onChange={(e) => setTowns(e.target.value)}
        />
      )}
      <ChoiceGroup
        legend={t('placesCommunities.form.joining')}
        name="joining"
        type="radio"
        value={[joining]}
        onChange={(v) => setJoining(v[0] ?? 'open')}
        error={action.error}
        options={joinings.map((j) => ({
          value: j,
          label: t(`placesCommunities.joining.${j}`),
          hint: t(`placesCommunities.joiningHint.${j}`),
        }))}
      />
      <SubmitButton pending={action.pending}>
        {existing ? t('placesCommunities.form.save') : t('placesCommunities.form.create')}
      </SubmitButton>
    </form>
  );
}
