import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, formatDate } from '../../../app/ui.tsx';
import { wikiKeys } from './queries.ts';
import { visibilities, type WikiAttachment, type WikiPage, type WikiVisibility } from './types.ts';
import { wikiPath } from './WikiParts.tsx';

const fields = ['title', 'body', 'summary', 'organisationId', 'visibility', 'reviewIntervalDays'];

/** The choice of who reads a page; "members" only for an organisation's page. */
function VisibilityField({
  value,
  onChange,
  withMembers,
  error,
}: {
  value: WikiVisibility;
  onChange: (v: WikiVisibility) => void;
  withMembers: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('wiki.visibilityLabel')}
      name="visibility"
      value={value}
      onChange={(e) => onChange(e.target.value as WikiVisibility)}
      options={visibilities
        .filter((v) => withMembers || v !== 'members')
        .map((v) => ({ value: v, label: t(`wiki.visibilityOption.${v}`) }))}
      error={error}
    />
  );
}

/**
 * Writing a new page: in which wiki (the network's or one of the person's organisations'), its title
 * and text, who reads it and how often it is checked. `title` and `wiki` may come from a missing
 * link's offer.
 */
export function WikiCreateForm({
  wikis,
  title: initialTitle,
  wiki: initialWiki,
}: {
  wikis: ({ id: string; name: string } | null)[];
  title: string;
  wiki: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const keys = wikis.map((w) => w?.id ?? 'network');
  const [wiki, setWiki] = useState(keys.includes(initialWiki) ? initialWiki : (keys[0] ?? 'network'));
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<WikiVisibility>('public');
  const [interval, setInterval] = useState('180');
  const isOrg = wiki !== 'network';

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const p = await api<WikiPage>('/wiki/pages', {
          method: 'POST',
          body: {
            title: title.trim(),
            body,
            organisationId: isOrg ? wiki : null,
            visibility: !isOrg && visibility === 'members' ? 'public' : visibility,
            reviewIntervalDays: Number(interval) || 180,
          },
        });
        await qc.invalidateQueries({ queryKey: wikiKeys.all() });
        navigate(wikiPath(p.id));
        return p;
      },
      form.current,
      (p) => t('wiki.done.created', { title: p.title }),
    );
  }

  return (
    <form ref={form} className="card" onSubmit={submit} noValidate>
      <FormError error={action.error} fields={fields} />
      <SelectField
        label={t('wiki.inWiki')}
        name="organisationId"
        value={wiki}
        onChange={(e) => setWiki(e.target.value)}
        options={wikis.map((w) =>
          w
            ? { value: w.id, label: t('wiki.orgWiki', { name: w.name }) }
            : { value: 'network', label: t('wiki.networkWiki') },
        )}
        error={action.error}
      />
      <TextField
        label={t('wiki.pageTitle')}
        name="title"
        required
        minLength={2}
        maxLength={160}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={action.error}
      />
      <MarkdownField
        label={t('wiki.body')}
        name="body"
        rows={14}
        maxLength={100000}
        hint={t('wiki.bodyHint')}
        value={body}
        onChange={setBody}
        error={action.error}
      />
      <VisibilityField value={visibility} onChange={setVisibility} withMembers={isOrg} error={action.error} />
      <TextField
        label={t('wiki.reviewInterval')}
        name="reviewIntervalDays"
        type="number"
        inputMode="numeric"
        min={7}
        max={730}
        hint={t('wiki.reviewIntervalHint')}
        value={interval}
        onChange={(e) => setInterval(e.target.value)}
        error={action.error}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('wiki.createSubmit')}</SubmitButton>
        <Link to="/wissen/wiki">{t('common.cancel')}</Link>
      </div>
    </form>
  );
}

/** The page's attachments while editing: upload, insert into the text, remove. */
function AttachmentEditor({ page, onInsert }: { page: WikiPage; onInsert: (markdown: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [description, setDescription] = useState('');
  const action = useAction();
  const refresh = () => qc.invalidateQueries({ queryKey: wikiKeys.page(page.id) });

  function upload(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const file = fileInput.current?.files?.[0];
        if (!file)
          throw new ApiError(422, 'validation', t('wiki.chooseFile'), { file: t('wiki.chooseFile') });
        const data = new FormData();
        data.append('description', description.trim());
        data.append('file', file);
        const a = await api<WikiAttachment>(`/wiki/pages/${page.id}/attachments`, {
          method: 'POST',
          body: data,
        });
        setDescription('');
        if (fileInput.current) fileInput.current.value = '';
        await refresh();
        return a;
      },
      form.current,
      (a) => t('wiki.done.attached', { name: a.description }),
    );
  }

  return (
    <section className="wiki-aside" aria-labelledby="attach-title">
      <h2 id="attach-title" className="h3">
        {t('wiki.attachmentsTitle')}
      </h2>
      {page.attachments.length === 0 ? (
        <p>{t('wiki.noAttachments')}</p>
      ) : (
        <ul className="wiki-attachments">
          {page.attachments.map((a) => (
            <li key={a.id}>
              {a.thumbUrl && <img src={a.thumbUrl} alt="" />}
              <a href={a.url}>{a.description}</a>
              <button
                type="button"
                className="button secondary"
                aria-label={t('wiki.insertNamed', { name: a.description })}
                onClick={() => onInsert(a.markdown)}
              >
                {t('wiki.insert')}
              </button>
              <ConfirmButton
                label={t('wiki.removeAttachment')}
                accessibleName={t('wiki.removeAttachmentNamed', { name: a.description })}
                title={t('wiki.removeAttachmentTitle')}
                message={t('wiki.removeAttachmentConfirm', { name: a.description })}
                confirmLabel={t('wiki.removeAttachment')}
                onConfirm={async () => {
                  await api(`/wiki/pages/${page.id}/attachments/${a.id}`, { method: 'DELETE' });
                  await refresh();
                }}
                done={t('wiki.done.attachmentRemoved')}
              />
            </li>
          ))}
        </ul>
      )}
      <form ref={form} onSubmit={upload} noValidate>
        <FormError error={action.error} fields={['description', 'file']} />
        <TextField
          label={t('wiki.attachmentDescription')}
          name="description"
          maxLength={300}
          hint={t('wiki.attachmentDescriptionHint')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={action.error}
        />
        <div className="field">
          <label htmlFor="wiki-file">{t('wiki.file')}</label>
          <p className="hint" id="wiki-file-hint">
            {t('wiki.fileHint')}
          </p>
          <input
            ref={fileInput}
            id="wiki-file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            aria-describedby="wiki-file-hint"
          />
        </div>
        <SubmitButton pending={action.pending}>{t('wiki.upload')}</SubmitButton>
      </form>
    </section>
  );
}

/** Who keeps the page current, how often it is checked, who reads it. */
function SettingsForm({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('wiki.done.settings') });
  const [visibility, setVisibility] = useState<WikiVisibility>(page.visibility);
  const [interval, setInterval] = useState(String(page.freshness.reviewIntervalDays));
  const [takeOver, setTakeOver] = useState(false);
  const me = session.account?.id;

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      await api(`/wiki/pages/${page.id}/settings`, {
        method: 'PATCH',
        body: {
          visibility,
          reviewIntervalDays: Number(interval) || page.freshness.reviewIntervalDays,
          ...(takeOver && me ? { ownerId: me } : {}),
        },
      });
      setTakeOver(false);
      await qc.invalidateQueries({ queryKey: wikiKeys.all() });
    }, form.current);
  }

  return (
    <section className="wiki-aside" aria-labelledby="settings-title">
      <h2 id="settings-title" className="h3">
        {t('wiki.settingsTitle')}
      </h2>
      <p>
        {page.freshness.ownerName ? t('wiki.ownerIs', { name: page.freshness.ownerName }) : t('wiki.noOwner')}
      </p>
      <form ref={form} onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['visibility', 'reviewIntervalDays', 'ownerId']} />
        {me && page.freshness.ownerId !== me && (
          <label className="check">
            <input
              type="checkbox"
              name="takeOver"
              checked={takeOver}
              onChange={(e) => setTakeOver(e.target.checked)}
            />{' '}
            {t('wiki.takeOver')}
          </label>
        )}
        <VisibilityField
          value={visibility}
          onChange={setVisibility}
          withMembers={Boolean(page.organisation)}
          error={action.error}
        />
        <TextField
          label={t('wiki.reviewInterval')}
          name="reviewIntervalDays"
          type="number"
          inputMode="numeric"
          min={7}
          max={730}
          hint={t('wiki.reviewIntervalHint')}
          value={interval}
          onChange={(e) => setInterval(e.target.value)}
          error={action.error}
        />
        <SubmitButton pending={action.pending}>{t('wiki.saveSettings')}</SubmitButton>
      </form>
    </section>
  );
}

/**
 * Editing a page. The save names the revision the edit started from; when someone saved in between,
 * the server answers 409 and nothing is lost: the current version and the person's own text are
 * shown side by side, to carry the changes over before saving again on top of the new version.
 */
export function WikiEditForm({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [title, setTitle] = useState(page.title);
  const [body, setBody] = useState(page.body);
  const [summary, setSummary] = useState('');
  const [base, setBase] = useState(page.currentRevision);
  const [conflict, setConflict] = useState<WikiPage | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        try {
          const saved = await api<WikiPage>(`/wiki/pages/${page.id}`, {
            method: 'PUT',
            body: { title: title.trim(), body, summary: summary.trim(), baseRevision: base },
          });
          await qc.invalidateQueries({ queryKey: wikiKeys.all() });
          navigate(wikiPath(page.id));
          return saved;
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && err.code === 'wiki.edit_conflict')
            setConflict(await api<WikiPage>(`/wiki/pages/${page.id}`));
          throw err;
        }
      },
      form.current,
      (saved) => t('wiki.done.saved', { title: saved.title, revision: saved.revision }),
    );
  }

  const adopt = (mine: boolean) => {
    if (!conflict) return;
    setBase(conflict.currentRevision);
    if (!mine) {
      setBody(conflict.body);
      setTitle(conflict.title);
    }
    action.reset();
  };

  const inConflict = conflict !== null && base !== conflict.currentRevision;

  return (
    <>
      <form ref={form} className="card" onSubmit={submit} noValidate>
        <FormError error={action.error} fields={fields} />
        {conflict && (
          <section className="wiki-conflict-box" aria-labelledby="conflict-title">
            <h2 id="conflict-title" className="h3">
              <span aria-hidden="true">⚠ </span>
              {t('wiki.conflictTitle')}
            </h2>
            <p>
              {t('wiki.conflictText', {
                revision: conflict.currentRevision,
                name: conflict.author?.name || t('wiki.unknownAuthor'),
                when: formatDate(conflict.revisedAt, true),
              })}
            </p>
            {inConflict ? (
              <div className="actions">
                <button type="button" className="button primary" onClick={() => adopt(true)}>
                  {t('wiki.conflictKeepMine')}
                </button>
                <button type="button" className="button secondary" onClick={() => adopt(false)}>
                  {t('wiki.conflictTakeTheirs')}
                </button>
              </div>
            ) : (
              <p>{t('wiki.conflictBased', { revision: base })}</p>
            )}
          </section>
        )}
        <TextField
          label={t('wiki.pageTitle')}
          name="title"
          required
          minLength={2}
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={action.error}
        />
        {conflict ? (
          <div className="wiki-conflict">
            <TextAreaField
              label={t('wiki.conflictTheirs', { revision: conflict.currentRevision })}
              name="current"
              rows={16}
              readOnly
              value={conflict.body}
            />
            <TextAreaField
              label={t('wiki.conflictYours')}
              name="body"
              rows={16}
              maxLength={100000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              error={action.error}
            />
          </div>
        ) : (
          <MarkdownField
            label={t('wiki.body')}
            name="body"
            rows={16}
            maxLength={100000}
            hint={t('wiki.bodyHint')}
            value={body}
            onChange={setBody}
            error={action.error}
          />
        )}
        <TextField
          label={t('wiki.summary')}
          name="summary"
          maxLength={300}
          hint={t('wiki.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={action.error}
        />
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('wiki.save')}</SubmitButton>
          <Link to={wikiPath(page.id)}>{t('common.cancel')}</Link>
        </div>
      </form>
      <AttachmentEditor
        page={page}
        onInsert={(md) => setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${md}\n` : `${md}\n`))}
      />
      <SettingsForm page={page} />
    </>
  );
}
