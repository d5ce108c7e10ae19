import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../app/api.ts';
import { FormError, invalid, SelectField, SubmitButton, TextAreaField, useAction } from '../../app/forms.tsx';
import { formatDateTime } from '../../app/localTime.ts';
import type { Page } from '../../app/types.ts';
import { ConfirmButton, Pagination, QueryView } from '../../app/ui.tsx';
import {
  AttachmentList,
  AttachmentPicker,
  altField,
  type ChosenFile,
  missingDescriptions,
  uploadAttachment,
} from './Attachments.tsx';
import { circlePath } from './lib.ts';
import { supportKeys } from './queries.ts';
import { type Circle, type Update, type Visibility, visibilities } from './types.ts';

const pageSize = 10;

/** The circle's journal: posts with a visibility, comments under them, newest first, page by page. */
export function UpdatesSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [offset, setOffset] = useState(0);
  const key = [...supportKeys.circle(circle.id), 'updates'];
  const updates = useQuery({
    queryKey: [...key, offset],
    queryFn: () =>
      api<Page<Update>>(`${circlePath(circle.id)}/updates`, { query: { limit: pageSize, offset } }),
    placeholderData: (prev) => prev,
  });
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('all_members');
  const [files, setFiles] = useState<ChosenFile[]>([]);
  /** The update is posted but some files are not attached yet: trying again attaches only those. */
  const [postedId, setPostedId] = useState<string | null>(null);
  const action = useAction({ done: t('circles.updates.posted') });
  const live = circle.status === 'active';
  const refresh = () => qc.invalidateQueries({ queryKey: key });

  function reset() {
    setBody('');
    setFiles([]);
    setPostedId(null);
    setOffset(0);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(async () => {
      const missing = missingDescriptions(files, t('circles.attachments.altMissing'));
      if (!postedId && !body.trim()) missing.body = t('circles.updates.bodyMissing');
      if (Object.keys(missing).length > 0) throw invalid(t('circles.form.invalid'), missing);
      let updateId = postedId;
      if (!updateId) {
        updateId = (
          await api<Update>(`${circlePath(circle.id)}/updates`, {
            method: 'POST',
            body: { body: body.trim(), visibility },
          })
        ).id;
        setPostedId(updateId);
      }
      const failed: ChosenFile[] = [];
      for (const f of files) {
        try {
          await uploadAttachment(circle.id, updateId, f);
        } catch (err) {
          failed.push({ ...f, error: errorMessage(err) });
        }
      }
      setFiles(failed);
      await refresh();
      if (failed.length > 0)
        throw new ApiError(0, 'partial', t('circles.attachments.partial', { count: failed.length }), {});
    }, e.currentTarget);
    if (ok) {
      reset();
      await refresh();
    }
  }

  return (
    <section className="section" aria-labelledby="circle-updates">
      <h2 id="circle-updates">{t('circles.updates.title')}</h2>
      {circle.abilities.post && live && (
        <form className="stack circle-post" onSubmit={(e) => void submit(e)} noValidate>
          <FormError error={action.error} fields={['body', 'visibility', ...files.map(altField)]} />
          {postedId ? (
            <p>{t('circles.attachments.stillMissing')}</p>
          ) : (
            <>
              <TextAreaField
                label={t('circles.updates.body')}
                name="body"
                required
                rows={3}
                maxLength={5000}
                value={body}
                error={action.error}
                onChange={(e) => setBody(e.target.value)}
              />
              <SelectField
                label={t('circles.updates.visibility')}
                name="visibility"
                value={visibility}
                error={action.error}
                onChange={(e) => setVisibility(e.target.value as Visibility)}
                options={visibilities.map((v) => ({ value: v, label: t(`circles.visibility.${v}`) }))}
              />
            </>
          )}
          <AttachmentPicker files={files} onChange={setFiles} error={action.error} />
          <div className="actions">
            <SubmitButton pending={action.pending}>
              {postedId ? t('circles.attachments.retry') : t('circles.updates.post')}
            </SubmitButton>
            {postedId && (
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  reset();
                  action.reset();
                }}
              >
                {t('circles.attachments.doneWithout')}
              </button>
            )}
          </div>
        </form>
      )}
      <QueryView query={updates} isEmpty={(d) => d.total === 0} empty={t('circles.updates.empty')}>
        {(d) => (
          <>
            <ul className="card-list circle-updates">
              {d.items.map((u) => (
                <UpdateItem key={u.id} circle={circle} update={u} onChanged={refresh} />
              ))}
            </ul>
            <Pagination total={d.total} limit={pageSize} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function UpdateItem({
  circle,
  update: u,
  onChanged,
}: {
  circle: Circle;
  update: Update;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const base = `${circlePath(circle.id)}/updates/${u.id}`;
  const live = circle.status === 'active';
  return (
    <li className="card circle-update" aria-labelledby={headingId}>
      <h3 id={headingId} className="meta circle-byline">
        {t('circles.updates.byline', { name: u.author.name, date: formatDateTime(u.createdAt) })}
        {' · '}
        {t(`circles.visibility.${u.visibility}`)}
      </h3>
      <p className="prewrap">{u.body}</p>
      <AttachmentList update={u} live={live} onChanged={onChanged} />
      {u.abilities.delete && live && (
        <div className="actions">
          <ConfirmButton
            className="button secondary"
            label={t('circles.updates.delete')}
            title={t('circles.updates.deleteTitle')}
            message={<p>{t('circles.updates.deleteText')}</p>}
            confirmLabel={t('circles.updates.deleteConfirm')}
            done={t('circles.done.updateDeleted')}
            onConfirm={async () => {
              await api(base, { method: 'DELETE' });
              await onChanged();
            }}
          />
        </div>
      )}
      {u.comments.length > 0 && (
        <ul className="circle-comments" aria-label={t('circles.updates.comments')}>
          {u.comments.map((c) => (
            <li key={c.id}>
              <p className="meta">
                {t('circles.updates.byline', { name: c.author.name, date: formatDateTime(c.createdAt) })}
                {c.visibility !== 'all_members' && ` · ${t(`circles.visibility.${c.visibility}`)}`}
              </p>
              <p className="prewrap">{c.body}</p>
              {c.abilities.delete && live && (
                <ConfirmButton
                  className="button secondary small-button"
                  label={t('circles.updates.deleteComment')}
                  title={t('circles.updates.deleteCommentTitle')}
                  message={<p>{t('circles.updates.deleteText')}</p>}
                  confirmLabel={t('circles.updates.deleteConfirm')}
                  done={t('circles.done.commentDeleted')}
                  onConfirm={async () => {
                    await api(`${base}/comments/${c.id}`, { method: 'DELETE' });
                    await onChanged();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {u.abilities.comment && live && <CommentForm base={base} onChanged={onChanged} />}
    </li>
  );
}

function CommentForm({ base, onChanged }: { base: string; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const action = useAction({ done: t('circles.done.commentPosted') });
  if (!open)
    return (
      <p>
        <button
          type="button"
          className="button secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {t('circles.updates.reply')}
        </button>
      </p>
    );

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(async () => {
      if (!body.trim()) throw invalid(t('circles.form.invalid'), { body: t('circles.updates.bodyMissing') });
      await api(`${base}/comments`, { method: 'POST', body: { body: body.trim() } });
    }, e.currentTarget);
    if (ok) {
      setBody('');
      setOpen(false);
      await onChanged();
    }
  }

  return (
    <form className="stack circle-comment-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormError error={action.error} fields={['body']} />
      <TextAreaField
        label={t('circles.updates.replyLabel')}
        hint={t('circles.updates.replyHint')}
        name="body"
        required
        rows={2}
        maxLength={2000}
        value={body}
        error={action.error}
        autoFocus
        onChange={(e) => setBody(e.target.value)}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>{t('circles.updates.sendReply')}</SubmitButton>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
