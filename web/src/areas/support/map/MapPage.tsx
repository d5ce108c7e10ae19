import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { announce } from '../../../app/announce.tsx';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { ConfirmButton, formatDate, QueryView } from '../../../app/ui.tsx';
import { CircleFrame } from '../CircleFrame.tsx';
import { supportKeys } from '../queries.ts';
import type { Circle } from '../types.ts';
import { EntryForm, TieEditForm, TieForm } from './forms.tsx';
import { Legend, NetworkMap, nameOf } from './NetworkMap.tsx';
import { FiguresList, MapTable, mapUrl, QualityText, ReadOnlyNote, tiesOf, useCircleMap } from './parts.tsx';
import type { MapEntry, MapView, SnapshotSummary } from './types.ts';

type Panel = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'tie'; from?: string } | null;

/** /kreise/:id/karte — the Netzwerkkarte now: drawing, details, table, figures and snapshots. */
export function MapPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { map } = useCircleMap(id);
  return (
    <CircleFrame section="map" title={(c) => t('circles.map.title', { name: c.personLabel })}>
      {(c) =>
        c.abilities.viewMap ? (
          <QueryView query={map}>{(m) => <MapScreen circle={c} map={m} />}</QueryView>
        ) : (
          <p className="notice">{t('circles.map.notForRole', { role: t(`circles.role.${c.myRole}`) })}</p>
        )
      }
    </CircleFrame>
  );
}

function MapScreen({ circle, map }: { circle: Circle; map: MapView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [fullNames, setFullNames] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  // what a change did is said in the layout's status region; this screen puts focus itself
  const setMessage = (text: string) => announce(text);
  const nodeRefs = useRef(new Map<string, SVGGElement>());
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const focusNode = useRef<string | null>(null);
  const edit = map.abilities.edit;
  const canName = map.entries.some((e) => e.label !== undefined && e.label !== e.displayLabel);
  const entry = map.entries.find((e) => e.id === selected);

  // After the map reloads, put focus where the change happened (a new node, or back on the map).
  useEffect(() => {
    if (focusNode.current) {
      const el = nodeRefs.current.get(focusNode.current);
      if (el) {
        el.focus();
        focusNode.current = null;
      }
    }
  });

  const open = (entryId: string) => {
    setSelected(entryId);
    setPanel(null);
    requestAnimationFrame(() => detailsHeading.current?.focus());
  };
  const close = () => {
    const back = selected;
    setSelected(null);
    setPanel(null);
    if (back) requestAnimationFrame(() => nodeRefs.current.get(back)?.focus());
  };
  const reload = () => qc.invalidateQueries({ queryKey: supportKeys.map(circle.id) });

  return (
    <>
      <p className="lead">{t('circles.map.lead')}</p>
      <p className="nm-links">
        <Link to="druck">{t('circles.map.printLink')}</Link>
      </p>
      {!edit && <ReadOnlyNote circle={circle} />}
      <div className="nm-toolbar">
        {canName && (
          <label className="check">
            <input type="checkbox" checked={fullNames} onChange={(e) => setFullNames(e.target.checked)} />
            {t('circles.map.fullNames')}
          </label>
        )}
        {edit && (
          <div className="actions">
            <button
              type="button"
              className="button primary"
              aria-expanded={panel?.kind === 'add'}
              onClick={() => setPanel(panel?.kind === 'add' ? null : { kind: 'add' })}
            >
              {t('circles.map.addEntry')}
            </button>
            {map.entries.length >= 2 && (
              <button
                type="button"
                className="button secondary"
                aria-expanded={panel?.kind === 'tie' && !panel.from}
                onClick={() => setPanel(panel?.kind === 'tie' ? null : { kind: 'tie' })}
              >
                {t('circles.map.addTie')}
              </button>
            )}
          </div>
        )}
      </div>
      {panel?.kind === 'add' && (
        <EntryForm
          circleId={circle.id}
          onCancel={() => setPanel(null)}
          onSaved={async (e) => {
            setPanel(null);
            setMessage(t('circles.map.added', { name: nameOf(e, true) }));
            focusNode.current = e.id;
            await reload();
          }}
        />
      )}
      {panel?.kind === 'tie' && !panel.from && (
        <TieForm
          circleId={circle.id}
          entries={map.entries}
          ties={map.ties}
          fullNames={fullNames}
          onCancel={() => setPanel(null)}
          onSaved={async (_tie, from, to) => {
            setPanel(null);
            setMessage(tieMessage(t, map.entries, from, to, fullNames));
            await reload();
          }}
        />
      )}
      <div className="nm-layout">
        <figure className="nm-figure">
          <NetworkMap
            personLabel={map.personLabel}
            entries={map.entries}
            ties={map.ties}
            fullNames={fullNames}
            label={t('circles.map.svgLabel', { name: map.personLabel })}
            interaction={{ selectedId: selected, onOpen: open, nodeRefs }}
          />
          <figcaption>
            {map.entries.length === 0 ? (
              <p className="state state-empty">
                {edit
                  ? t('circles.map.emptyEdit', { name: map.personLabel })
                  : t('circles.map.empty', { name: map.personLabel })}
              </p>
            ) : (
              <p className="hint">{t('circles.map.keys')}</p>
            )}
            <Legend />
          </figcaption>
        </figure>
        <div className="nm-side-col">
          {entry && (
            <section
              className="card nm-details"
              aria-labelledby="nm-details-title"
              onKeyDown={(e) => {
                if (e.key === 'Escape' && !panel) close();
              }}
            >
              <h2 id="nm-details-title" ref={detailsHeading} tabIndex={-1}>
                {nameOf(entry, fullNames)}
              </h2>
              {panel?.kind === 'edit' ? (
                <EntryForm
                  circleId={circle.id}
                  entry={entry}
                  onCancel={() => setPanel(null)}
                  onSaved={async (e) => {
                    setPanel(null);
                    setMessage(t('circles.map.saved', { name: nameOf(e, fullNames) }));
                    await reload();
                    requestAnimationFrame(() => detailsHeading.current?.focus());
                  }}
                />
              ) : panel?.kind === 'tie' && panel.from ? (
                <TieForm
                  circleId={circle.id}
                  entries={map.entries}
                  ties={map.ties}
                  from={panel.from}
                  fullNames={fullNames}
                  onCancel={() => setPanel(null)}
                  onSaved={async (_tie, from, to) => {
                    setPanel(null);
                    setMessage(tieMessage(t, map.entries, from, to, fullNames));
                    await reload();
                  }}
                />
              ) : (
                <EntryDetails
                  circle={circle}
                  map={map}
                  entry={entry}
                  fullNames={fullNames}
                  onEdit={() => setPanel({ kind: 'edit', id: entry.id })}
                  onTie={() => setPanel({ kind: 'tie', from: entry.id })}
                  onClose={close}
                  onMessage={setMessage}
                  onRemoved={async () => {
                    setMessage(t('circles.map.removed', { name: nameOf(entry, fullNames) }));
                    setSelected(null);
                    await reload();
                    requestAnimationFrame(() => document.getElementById('page-title')?.focus());
                  }}
                />
              )}
            </section>
          )}
          <section className="nm-figures-panel" aria-labelledby="nm-figures-title">
            <h2 id="nm-figures-title">{t('circles.map.figures.title')}</h2>
            <FiguresList figures={map.figures} />
          </section>
        </div>
      </div>
      <section className="section" aria-labelledby="nm-table-title">
        <h2 id="nm-table-title">{t('circles.map.table.title')}</h2>
        {map.entries.length === 0 ? (
          <p className="state state-empty">{t('circles.map.table.empty')}</p>
        ) : (
          <MapTable
            entries={map.entries}
            ties={map.ties}
            fullNames={fullNames}
            onOpen={open}
            caption={t('circles.map.table.caption', { name: map.personLabel })}
          />
        )}
      </section>
      <Snapshots circle={circle} edit={edit} />
    </>
  );
}

function tieMessage(
  t: (k: string, o?: Record<string, unknown>) => string,
  entries: MapEntry[],
  from: string,
  to: string,
  fullNames: boolean,
) {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const a = byId.get(from);
  const b = byId.get(to);
  return t('circles.map.tieAdded', {
    a: a ? nameOf(a, fullNames) : '',
    b: b ? nameOf(b, fullNames) : '',
  });
}

function EntryDetails({
  circle,
  map,
  entry,
  fullNames,
  onEdit,
  onTie,
  onClose,
  onRemoved,
  onMessage,
}: {
  circle: Circle;
  map: MapView;
  entry: MapEntry;
  fullNames: boolean;
  onEdit: () => void;
  onTie: () => void;
  onClose: () => void;
  onRemoved: () => Promise<void>;
  onMessage: (m: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editingTie, setEditingTie] = useState<string | null>(null);
  const edit = map.abilities.edit;
  const linked = tiesOf(entry, map.entries, map.ties);
  const reload = () => qc.invalidateQueries({ queryKey: supportKeys.map(circle.id) });
  return (
    <>
      <dl className="facts">
        <dt>{t('circles.map.table.sector')}</dt>
        <dd>{t(`circles.map.sector.${entry.sector}`)}</dd>
        <dt>{t('circles.map.table.ring')}</dt>
        <dd>{t(`circles.map.ring.${entry.ring}`)}</dd>
        <dt>{t('circles.map.table.quality')}</dt>
        <dd>
          <QualityText quality={entry.quality} />
        </dd>
        <dt>{t('circles.map.table.support')}</dt>
        <dd>
          {entry.support.length > 0
            ? entry.support.map((s) => t(`circles.map.support.${s}`)).join(', ')
            : t('circles.map.noSupport')}
        </dd>
        <dt>{t('circles.map.details.naming')}</dt>
        <dd>
          {entry.accountId
            ? t('circles.map.details.member')
            : entry.showLabel
              ? t('circles.map.details.named')
              : t('circles.map.details.initials')}
        </dd>
        {entry.note && (
          <>
            <dt>{t('circles.map.form.note')}</dt>
            <dd className="prewrap">{entry.note}</dd>
          </>
        )}
      </dl>
      <h3>{t('circles.map.details.ties')}</h3>
      {linked.length === 0 ? (
        <p className="muted">{t('circles.map.details.noTies')}</p>
      ) : (
        <ul className="nm-detail-ties">
          {linked.map(({ tie, other }) => (
            <li key={tie.id}>
              <p>
                <strong>{nameOf(other, fullNames)}</strong> · <QualityText quality={tie.quality} />
                {tie.support.length > 0 &&
                  ` · ${tie.support.map((s) => t(`circles.map.support.${s}`)).join(', ')}`}
              </p>
              {edit && editingTie === tie.id && (
                <TieEditForm
                  circleId={circle.id}
                  tie={tie}
                  onCancel={() => setEditingTie(null)}
                  onSaved={async () => {
                    setEditingTie(null);
                    onMessage(t('circles.map.tieSaved'));
                    await reload();
                  }}
                />
              )}
              {edit && editingTie !== tie.id && (
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('circles.map.details.editTieNamed', { name: nameOf(other, fullNames) })}
                    onClick={() => setEditingTie(tie.id)}
                  >
                    {t('circles.map.details.editTie')}
                  </button>
                  <ConfirmButton
                    label={t('circles.map.details.removeTie')}
                    title={t('circles.map.details.removeTieTitle')}
                    message={t('circles.map.details.removeTieText', {
                      a: nameOf(entry, fullNames),
                      b: nameOf(other, fullNames),
                    })}
                    confirmLabel={t('circles.map.details.removeTie')}
                    onConfirm={async () => {
                      await api(mapUrl(circle.id, `/ties/${tie.id}`), { method: 'DELETE' });
                      onMessage(t('circles.map.tieRemoved'));
                      await reload();
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {edit && (
          <>
            <button type="button" className="button primary" onClick={onEdit}>
              {t('circles.map.details.edit')}
            </button>
            {map.entries.length >= 2 && (
              <button type="button" className="button secondary" onClick={onTie}>
                {t('circles.map.details.addTie')}
              </button>
            )}
            <ConfirmButton
              label={t('circles.map.details.remove')}
              title={t('circles.map.details.removeTitle', { name: nameOf(entry, fullNames) })}
              message={t('circles.map.details.removeText')}
              confirmLabel={t('circles.map.details.remove')}
              onConfirm={async () => {
                await api(mapUrl(circle.id, `/entries/${entry.id}`), { method: 'DELETE' });
                await onRemoved();
              }}
            />
          </>
        )}
        <button type="button" className="button secondary" onClick={onClose}>
          {t('circles.map.details.close')}
        </button>
      </div>
    </>
  );
}

/** Dated snapshots: keep today's map, list the earlier ones, compare two of them (or one with today). */
function Snapshots({ circle, edit }: { circle: Circle; edit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const key = [...supportKeys.map(circle.id), 'snapshots'];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: SnapshotSummary[] }>(mapUrl(circle.id, '/snapshots')),
  });
  const [title, setTitle] = useState('');
  const action = useAction({ done: t('circles.map.snapshots.taken') });
  const items = list.data?.items ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('now');
  const fromId = from || items[0]?.id || '';

  async function take(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(
      () =>
        api(mapUrl(circle.id, '/snapshots'), {
          method: 'POST',
          body: title.trim() ? { title: title.trim() } : {},
        }),
      e.currentTarget,
    );
    if (ok) {
      setTitle('');
      await qc.invalidateQueries({ queryKey: key });
    }
  }

  const label = (s: SnapshotSummary) =>
    s.title ? `${formatDate(s.takenAt)} – ${s.title}` : formatDate(s.takenAt);
  return (
    <section className="section" aria-labelledby="nm-snapshots-title">
      <h2 id="nm-snapshots-title">{t('circles.map.snapshots.title')}</h2>
      <p className="hint">{t('circles.map.snapshots.lead')}</p>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('circles.map.snapshots.empty')}>
        {(d) => (
          <div className="table-wrap nm-snap-table">
            <table>
              <caption>{t('circles.map.snapshots.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('circles.map.snapshots.date')}</th>
                  <th scope="col">{t('circles.map.snapshots.name')}</th>
                  <th scope="col">{t('circles.map.snapshots.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...d.items].reverse().map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(s.takenAt)}</td>
                    <th scope="row">
                      {s.title || t('circles.map.snapshots.untitled')}
                      <span className="nm-note">
                        {t('circles.map.snapshots.size', { count: s.figures.size })}
                      </span>
                    </th>
                    <td>
                      <Link
                        to={`druck?stand=${s.id}`}
                        aria-label={t('circles.map.snapshots.printNamed', { name: label(s) })}
                      >
                        {t('circles.map.snapshots.print')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
      {items.length > 0 && (
        <form
          className="card stack nm-compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            const q = new URLSearchParams({ von: fromId });
            if (to !== 'now') q.set('bis', to);
            void navigate(`vergleich?${q.toString()}`);
          }}
        >
          <h3>{t('circles.map.snapshots.compareTitle')}</h3>
          <div className="field-row">
            <SelectField
              label={t('circles.map.compare.from')}
              name="from"
              value={fromId}
              onChange={(e) => setFrom(e.target.value)}
              options={items.map((s) => ({ value: s.id, label: label(s) }))}
            />
            <SelectField
              label={t('circles.map.compare.to')}
              name="to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              options={[
                { value: 'now', label: t('circles.map.compare.now') },
                ...items.filter((s) => s.id !== fromId).map((s) => ({ value: s.id, label: label(s) })),
              ]}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button primary">
              {t('circles.map.snapshots.compare')}
            </button>
          </div>
        </form>
      )}
      {edit && (
        <form className="card stack" onSubmit={(e) => void take(e)} noValidate>
          <h3>{t('circles.map.snapshots.takeTitle')}</h3>
          <FormError error={action.error} fields={['title']} />
          <TextField
            label={t('circles.map.snapshots.titleField')}
            hint={t('circles.map.snapshots.titleHint')}
            name="title"
            maxLength={120}
            value={title}
            error={action.error}
            onChange={(e) => setTitle(e.target.value)}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('circles.map.snapshots.take')}</SubmitButton>
          </div>
        </form>
      )}
    </section>
  );
}
