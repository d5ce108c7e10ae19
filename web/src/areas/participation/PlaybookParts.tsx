import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { formatDateTime } from '../../app/localTime.ts';
import { useSession } from '../../app/session.tsx';
import { TagInput } from '../../features/profile/TagInput.tsx';
import { useCoordinatedOrganisations } from './common.tsx';
import { participationKeys } from './queries.ts';
import type { PlaybookChannel, PlaybookRevision } from './types.ts';

export function useCanEdit() {
  const { session } = useSession();
  const mine = useCoordinatedOrganisations();
  return mine.length > 0 || Boolean(session.account?.isInstanceAdmin);
}

export function usePlaybookPage(id: string | undefined, revision?: number) {
  return useQuery({
    queryKey: participationKeys.playbook(id, revision ?? 'current'),
    queryFn: () =>
      api<PlaybookRevision>(
        revision ? `/playbook/pages/${id}/revisions/${revision}` : `/playbook/pages/${id}`,
      ),
    enabled: Boolean(id),
  });
}

export function Byline({ r }: { r: Pick<PlaybookRevision, 'author' | 'organisation' | 'createdAt'> }) {
  const { t } = useTranslation();
  return (
    <>
      {t('participation.playbook.by', {
        name: r.author?.name ?? t('participation.playbook.unknownAuthor'),
        when: formatDateTime(r.createdAt),
      })}
      {r.organisation && ` · ${r.organisation.name}`}
    </>
  );
}

export function PlaybookForm({ existing }: { existing?: PlaybookRevision }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mine = useCoordinatedOrganisations();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('participation.done.playbookSaved') });
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [tags, setTags] = useState<string[]>(existing?.tags ?? []);
  const [channels, setChannels] = useState<PlaybookChannel[]>(existing?.channels ?? []);
  const [summary, setSummary] = useState('');
  const [organisationId, setOrganisationId] = useState(
    existing?.organisation && mine.some((m) => m.organisationId === existing.organisation?.id)
      ? existing.organisation.id
      : (mine[0]?.organisationId ?? ''),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      const payload = {
        title: title.trim(),
        body,
        tags,
        channels: channels
          .map((c) => ({ channel: c.channel.trim(), reached: c.reached.trim() }))
          .filter((c) => c.channel || c.reached),
        summary: summary.trim(),
        organisationId: organisationId || null,
      };
      const r = existing
        ? await api<PlaybookRevision>(`/playbook/pages/${existing.pageId}`, {
            method: 'PUT',
            body: { ...payload, baseRevision: existing.currentRevision },
          })
        : await api<PlaybookRevision>('/playbook/pages', { method: 'POST', body: payload });
      await qc.invalidateQueries({ queryKey: participationKeys.playbook() });
      navigate(`/mitmachen/praxis/${r.pageId}`);
    }, form.current);
  }

  return (
    <form ref={form} className="card" onSubmit={submit} noValidate>
      <FormError
        error={action.error}
        fields={['title', 'body', 'tags', 'channels', 'summary', 'organisationId']}
      />
      <TextField
        label={t('participation.playbook.pageTitle')}
        name="title"
        required
        minLength={3}
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <TextAreaField
        label={t('participation.playbook.body')}
        name="body"
        rows={12}
        hint={t('participation.playbook.bodyHint')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={action.error}
      />
      <TagInput
        label={t('participation.playbook.tags')}
        name="tags"
        values={tags}
        onChange={setTags}
        error={action.error}
      />
      <fieldset>
        <legend>{t('participation.playbook.channels')}</legend>
        <p className="hint">{t('participation.playbook.channelsHint')}</p>
        {channels.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
          <div className="field-row channel-row" key={i}>
            <TextField
              label={t('participation.playbook.channelN', { n: i + 1 })}
              name={`channel-${i}`}
              maxLength={120}
              value={c.channel}
              onChange={(e) =>
                setChannels(channels.map((x, j) => (j === i ? { ...x, channel: e.target.value } : x)))
              }
              error={action.error}
              serverField={`channels/${i}/channel`}
            />
            <TextField
              label={t('participation.playbook.reachedN', { n: i + 1 })}
              name={`reached-${i}`}
              maxLength={300}
              value={c.reached}
              onChange={(e) =>
                setChannels(channels.map((x, j) => (j === i ? { ...x, reached: e.target.value } : x)))
              }
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => setChannels(channels.filter((_, j) => j !== i))}
            >
              {t('participation.playbook.removeChannel', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button secondary"
          onClick={() => setChannels([...channels, { channel: '', reached: '' }])}
        >
          {t('participation.playbook.addChannel')}
        </button>
      </fieldset>
      {mine.length > 0 && (
        <SelectField
          label={t('participation.playbook.organisation')}
          name="organisationId"
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          options={[
            { value: '', label: t('participation.playbook.noOrganisation') },
            ...mine.map((m) => ({ value: m.organisationId, label: m.name })),
          ]}
          error={action.error}
        />
      )}
      {existing && (
        <TextField
          label={t('participation.playbook.summary')}
          name="summary"
          maxLength={300}
          hint={t('participation.playbook.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={action.error}
        />
      )}
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
        <Link to={existing ? `/mitmachen/praxis/${existing.pageId}` : '/mitmachen/praxis'}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
