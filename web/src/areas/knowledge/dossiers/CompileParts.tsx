import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import type { Page } from '../../../app/types.ts';
import { Pagination, QueryView } from '../../../app/ui.tsx';
import { useDossierChanged } from './hooks.ts';
import { dossierKeys } from './queries.ts';
import { type Candidate, type Dossier, type ItemType, itemTypes, type Recipients } from './types.ts';

/** Title and summary of a draft. */
export function EditForm({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const changed = useDossierChanged();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: t('dossiers.done.saved') });
  const [title, setTitle] = useState(d.title);
  const [summary, setSummary] = useState(d.summary);
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      changed(
        await api<Dossier>(`/dossiers/${d.id}`, { method: 'PUT', body: { title: title.trim(), summary } }),
      );
    }, form.current);
  }
  return (
    <section aria-labelledby="dossier-edit" className="dossier-section">
      <h2 id="dossier-edit">{t('dossiers.edit.title')}</h2>
      <form ref={form} className="card" onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['title', 'summary']} />
        <TextField
          label={t('dossiers.create.titleField')}
          name="title"
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
        <SubmitButton pending={action.pending}>{t('dossiers.edit.submit')}</SubmitButton>
      </form>
    </section>
  );
}

/** Searchable lists of what may be evidence (public, visible), to add to the draft one by one. */
export function EvidencePicker({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const changed = useDossierChanged();
  const [type, setType] = useState<ItemType>('map_report');
  const [draftQ, setDraftQ] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [note, setNote] = useState('');
  const action = useAction();
  const box = useRef<HTMLDivElement>(null);
  const list = useQuery({
    queryKey: dossierKeys.all('evidence', d.id, type, q, offset),
    queryFn: () =>
      api<Page<Candidate>>('/dossiers/evidence', {
        query: { type, q: q || undefined, dossierId: d.id, limit: 8, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const add = (c: Candidate) =>
    action.run(
      async () => {
        changed(
          await api<Dossier>(`/dossiers/${d.id}/items`, {
            method: 'POST',
            body: { type: c.type, itemId: c.id, note: note.trim() },
          }),
        );
        setNote('');
        await list.refetch();
      },
      box.current,
      { text: t('dossiers.done.added'), focus: 'dossier-evidence' },
    );
  const itemError = action.error instanceof ApiError ? action.error.field('itemId') : undefined;
  return (
    <section aria-labelledby="dossier-picker" className="dossier-section">
      <h2 id="dossier-picker">{t('dossiers.picker.title')}</h2>
      <p className="hint">{t('dossiers.picker.hint')}</p>
      <div className="card" ref={box}>
        <form
          className="inline-search"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(draftQ.trim());
            setOffset(0);
          }}
        >
          <SelectField
            label={t('dossiers.picker.type')}
            name="type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as ItemType);
              setOffset(0);
            }}
            options={itemTypes.map((x) => ({ value: x, label: t(`dossiers.types.${x}`) }))}
          />
          <TextField
            label={t('dossiers.picker.q')}
            name="evidence-q"
            type="search"
            value={draftQ}
            onChange={(e) => setDraftQ(e.target.value)}
          />
          <button type="submit" className="button secondary">
            {t('dossiers.picker.submit')}
          </button>
        </form>
        <TextField
          label={t('dossiers.picker.note')}
          name="note"
          hint={t('dossiers.picker.noteHint')}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={action.error}
        />
        {action.error !== null && !itemError && (
          <FormError error={action.error} fields={['note', 'itemId']} />
        )}
        {itemError && (
          <p className="form-error" role="alert">
            {itemError}
          </p>
        )}
        <QueryView query={list} isEmpty={(p) => p.items.length === 0} empty={t('dossiers.picker.empty')}>
          {(p) => (
            <>
              <ul className="dossier-candidates" aria-label={t('dossiers.picker.results')}>
                {p.items.map((c) => (
                  <li key={c.id}>
                    <div>
                      <strong>{c.title}</strong>
                      <span className="meta">
                        {' '}
                        {t(`dossiers.type.${c.type}`)}
                        {c.district && ` · ${c.district.name}`}
                      </span>
                      {c.type === 'discussion_post' && c.excerpt && (
                        <p className="dossier-excerpt">{c.excerpt}</p>
                      )}
                    </div>
                    {c.added ? (
                      <span className="meta">{t('dossiers.picker.added')}</span>
                    ) : (
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('dossiers.picker.addLabel', { title: c.title })}
                        disabled={action.pending}
                        onClick={() => void add(c)}
                      >
                        {t('dossiers.picker.add')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
            </>
          )}
        </QueryView>
      </div>
    </section>
  );
}

/** Send the draft: to a public body of the network, or by email to one outside. */
export function SendForm({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const changed = useDossierChanged();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction({ done: { text: t('dossiers.done.sent'), focus: 'page-title' } });
  const bodies = useQuery({
    queryKey: dossierKeys.all('recipients'),
    queryFn: () => api<Recipients>('/dossiers/recipients'),
  });
  const [mode, setMode] = useState<'body' | 'email'>('body');
  const [organisationId, setOrganisationId] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const hasBodies = (bodies.data?.items.length ?? 0) > 0;
  const effective = hasBodies ? mode : 'email';
  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(async () => {
      changed(
        await api<Dossier>(`/dossiers/${d.id}/send`, {
          method: 'POST',
          body: effective === 'body' ? { organisationId } : { email: email.trim(), name: name.trim() },
        }),
      );
    }, form.current);
  }
  return (
    <section aria-labelledby="dossier-send" className="dossier-section">
      <h2 id="dossier-send">{t('dossiers.send.title')}</h2>
      <form ref={form} className="card" onSubmit={submit} noValidate>
        <p>{t('dossiers.send.intro')}</p>
        <FormError error={action.error} fields={['organisationId', 'email', 'name']} />
        {bodies.isSuccess && !hasBodies && <p className="hint">{t('dossiers.send.noBodies')}</p>}
        {hasBodies && (
          <ChoiceGroup
            legend={t('dossiers.send.to')}
            name="mode"
            type="radio"
            options={[
              { value: 'body', label: t('dossiers.send.body') },
              { value: 'email', label: t('dossiers.send.email') },
            ]}
            value={[mode]}
            onChange={(v) => setMode((v[0] as 'body' | 'email') ?? 'body')}
            error={action.error}
          />
        )}
        {effective === 'body' ? (
          <SelectField
            label={t('dossiers.send.organisation')}
            name="organisationId"
            required
            value={organisationId}
            onChange={(e) => setOrganisationId(e.target.value)}
            options={[
              { value: '', label: t('dossiers.send.choose') },
              ...(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
            ]}
            error={action.error}
          />
        ) : (
          <>
            <TextField
              label={t('dossiers.send.name')}
              name="name"
              hint={t('dossiers.send.nameHint')}
              required
              maxLength={160}
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={action.error}
            />
            <TextField
              label={t('dossiers.send.address')}
              name="email"
              type="email"
              autoComplete="off"
              required
              maxLength={254}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={action.error}
            />
          </>
        )}
        <SubmitButton pending={action.pending}>{t('dossiers.send.submit')}</SubmitButton>
      </form>
    </section>
  );
}
