import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { useDistricts } from './DiscussionParts.tsx';
import { discussionKeys } from './queries.ts';
import { type Thread, themes } from './types.ts';

/** Change a thread's title, theme and district (its author, or the network's coordinators). */
export function ThreadEditForm({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const districts = useDistricts();
  const [title, setTitle] = useState(thread.title);
  const [theme, setTheme] = useState<string>(thread.theme);
  const [districtId, setDistrictId] = useState(thread.district?.id ?? '');
  const action = useAction({ done: t('discussions.edit.done') });
  return (
    <form
      className="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api(`/discussions/threads/${thread.id}`, {
            method: 'PUT',
            body: { title: title.trim(), theme, districtId: districtId || null },
          });
          await client.invalidateQueries({ queryKey: discussionKeys.thread(thread.id) });
          await client.invalidateQueries({ queryKey: discussionKeys.threads() });
          onClose();
        }, e.currentTarget);
      }}
    >
      <h2>{t('discussions.edit.title')}</h2>
      <FormError error={action.error} fields={['title', 'theme', 'districtId']} />
      <TextField
        label={t('discussions.new.fieldTitle')}
        name="title"
        required
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <SelectField
        label={t('discussions.new.theme')}
        name="theme"
        required
        value={theme}
        onChange={(e) => setTheme(e.target.value)}
        error={action.error}
        options={themes.map((x) => ({ value: x, label: t(`discussions.themes.${x}`) }))}
      />
      <SelectField
        label={t('discussions.new.district')}
        name="districtId"
        value={districtId}
        onChange={(e) => setDistrictId(e.target.value)}
        error={action.error}
        options={[
          { value: '', label: t('discussions.new.wholeTown') },
          ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
        ]}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('discussions.edit.submit')}</SubmitButton>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('discussions.post.cancel')}
        </button>
      </div>
    </form>
  );
}
