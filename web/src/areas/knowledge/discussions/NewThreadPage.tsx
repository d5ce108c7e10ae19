import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { PageHeading } from '../../../app/ui.tsx';
import { DiscussionsNav, useDistricts } from './DiscussionParts.tsx';
import { discussionKeys } from './queries.ts';
import { themes } from './types.ts';

/** /wissen/diskussionen/neu — start a thread: title, theme, district, the first post; for an organisation one acts for. */
export function NewThreadPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const districts = useDistricts();
  const actsFor = (session.account?.memberships ?? []).filter(
    (m) => m.role === 'admin' || m.role === 'staff',
  );
  const [title, setTitle] = useState('');
  const [theme, setTheme] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [body, setBody] = useState('');
  const action = useAction();
  const { error, pending } = action;
  return (
    <>
      <PageHeading title={t('discussions.new.title')}>
        <p className="lead">{t('discussions.new.lead')}</p>
      </PageHeading>
      <DiscussionsNav />
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(
            async () => {
              const r = await api<{ id: string; reviewStatus: string }>('/discussions/threads', {
                method: 'POST',
                body: {
                  title: title.trim(),
                  theme,
                  districtId: districtId || null,
                  organisationId: organisationId || null,
                  body,
                },
              });
              await client.invalidateQueries({ queryKey: discussionKeys.threads() });
              navigate(`/wissen/diskussionen/${r.id}`);
              return r;
            },
            e.currentTarget,
            (r) =>
              r.reviewStatus === 'pending' ? t('discussions.new.donePending') : t('discussions.new.done'),
          );
        }}
      >
        <FormError error={error} fields={['title', 'theme', 'districtId', 'organisationId', 'body']} />
        <TextField
          label={t('discussions.new.fieldTitle')}
          name="title"
          required
          maxLength={160}
          hint={t('discussions.new.titleHint')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={error}
        />
        <SelectField
          label={t('discussions.new.theme')}
          name="theme"
          required
          value={theme}
          onChange={(e) => setTheme(e.target.value)}
          error={error}
          options={[
            { value: '', label: t('discussions.new.chooseTheme') },
            ...themes.map((x) => ({ value: x, label: t(`discussions.themes.${x}`) })),
          ]}
        />
        <SelectField
          label={t('discussions.new.district')}
          name="districtId"
          value={districtId}
          onChange={(e) => setDistrictId(e.target.value)}
          error={error}
          options={[
            { value: '', label: t('discussions.new.wholeTown') },
            ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        {actsFor.length > 0 && (
          <SelectField
            label={t('discussions.new.organisation')}
            name="organisationId"
            hint={t('discussions.new.organisationHint')}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            error={error}
            options={[
              { value: '', label: t('discussions.new.forMyself') },
              ...actsFor.map((m) => ({ value: m.organisationId, label: m.name })),
            ]}
          />
        )}
        <MarkdownField
          label={t('discussions.new.body')}
          name="body"
          required
          maxLength={20000}
          value={body}
          onChange={setBody}
          error={error}
        />
        <SubmitButton pending={pending}>{t('discussions.new.submit')}</SubmitButton>
      </form>
    </>
  );
}
