import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { QueryView, ScrollRegion } from '../../../app/ui.tsx';
import { groupLabel, percent } from './lib.ts';
import { accountabilityKeys } from './queries.ts';
import {
  type Affected,
  type AffectedGroup,
  ageBands,
  type Dimension,
  dimensions,
  type Reach,
  type ReachRow,
  stakes,
} from './types.ts';

/**
 * "Wer ist betroffen – wer hat mitgemacht?": per kind of group, the groups the project is for beside
 * how many of them took part, with the warnings in words and a symbol (never colour alone), and no
 * number for a group of fewer than five people. Organisers name the affected groups below it.
 */
export function ReachSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const reach = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'reach'),
    queryFn: () => api<Reach>(`/codesign/projects/${projectId}/reach`),
  });
  const affected = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'affected'),
    queryFn: () => api<Affected>(`/codesign/projects/${projectId}/affected-groups`),
  });
  return (
    <section aria-labelledby="reach-title" className="stack">
      <h2 id="reach-title">{t('codesignAccountability.reach.title')}</h2>
      <p>{t('codesignAccountability.reach.intro')}</p>
      <QueryView query={reach}>{(r) => <ReachTables reach={r} />}</QueryView>
      {affected.data?.may.organise && <AffectedEditor projectId={projectId} current={affected.data.groups} />}
    </section>
  );
}

function ReachTables({ reach }: { reach: Reach }) {
  const { t, i18n } = useTranslation();
  const warnings = reach.dimensions.flatMap((d) =>
    d.rows.filter((r) => r.warning).map((r) => ({ d: d.dimension, r })),
  );
  const anyAffected = reach.dimensions.some((d) => d.rows.some((r) => r.affected));
  return (
    <>
      <p>
        <strong>
          {reach.suppressed || reach.tookPart === null
            ? t('codesignAccountability.reach.totalSmall', { min: reach.minPeoplePerCell })
            : t('codesignAccountability.reach.total', { count: reach.tookPart })}
        </strong>
      </p>
      {!anyAffected ? (
        <p className="hint">{t('codesignAccountability.reach.noAffected')}</p>
      ) : warnings.length > 0 ? (
        <div className="reach-warnings" role="note">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('codesignAccountability.reach.warningsTitle')}
          </p>
          <ul>
            {warnings.map(({ d, r }) => (
              <li key={`${d}:${r.value}`}>
                <strong>{groupLabel(t, i18n.language, d, r.value, r.label)}</strong>:{' '}
                {t(`codesignAccountability.reach.warning.${r.warning}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>
          <span aria-hidden="true">✓ </span>
          {t('codesignAccountability.reach.noWarnings')}
        </p>
      )}
      {reach.dimensions.map((d) => (
        <DimensionTable
          key={d.dimension}
          dimension={d.dimension}
          rows={d.rows}
          min={reach.minPeoplePerCell}
        />
      ))}
      <p className="hint">{t('codesignAccountability.reach.privacy', { min: reach.minPeoplePerCell })}</p>
    </>
  );
}

function DimensionTable({ dimension, rows, min }: { dimension: Dimension; rows: ReachRow[]; min: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const caption = t(`codesignAccountability.reach.dimension.${dimension}`);
  if (rows.length === 0)
    return (
      <div>
        <h3 id={id}>{caption}</h3>
        <p className="hint">{t('codesignAccountability.reach.none')}</p>
      </div>
    );
  return (
    <ScrollRegion label={caption}>
      <table className="reach-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('codesignAccountability.reach.group')}</th>
            <th scope="col">{t('codesignAccountability.reach.expected')}</th>
            <th scope="col">{t('codesignAccountability.reach.tookPart')}</th>
            <th scope="col">{t('codesignAccountability.reach.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value ?? 'none'} className={r.warning ? 'reach-warn' : undefined}>
              <th scope="row">
                {groupLabel(t, i18n.language, dimension, r.value, r.label)}
                {r.affected && <span className="badge">{t('codesignAccountability.reach.affected')}</span>}
                {r.warning && (
                  <span className="reach-warning">
                    <span aria-hidden="true">⚠ </span>
                    {t(`codesignAccountability.reach.warning.${r.warning}`)}
                  </span>
                )}
              </th>
              <td>{r.expectedShare === null ? '–' : percent(r.expectedShare, i18n.language)}</td>
              <td>{r.suppressed ? t('codesignAccountability.reach.hidden', { min }) : r.tookPart}</td>
              <td>
                {r.share === null ? (
                  '–'
                ) : (
                  <span className="reach-share">
                    <span
                      className="reach-bar"
                      aria-hidden="true"
                      style={{ width: `${Math.round(r.share * 100)}%` }}
                    />
                    {percent(r.share, i18n.language)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

type Draft = { key: number; dimension: Dimension; value: string; share: string };

/** Organisers name the groups the project is for, each with an optional expected share in per cent. */
function AffectedEditor({ projectId, current }: { projectId: string; current: AffectedGroup[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState(current.length);
  const [rows, setRows] = useState<Draft[]>(() =>
    current.map((g, i) => ({
      key: i,
      dimension: g.dimension,
      value: g.value,
      share: g.expectedShare === null ? '' : String(Math.round(g.expectedShare * 100)),
    })),
  );
  const action = useAction({ done: t('codesignAccountability.affected.done') });
  const formId = useId();
  const valuesOf = (d: Dimension) =>
    d === 'stake'
      ? stakes.map((s) => ({ value: s, label: t(`codesignAccountability.groups.stake.${s}`) }))
      : d === 'age_band'
        ? ageBands.map((s) => ({ value: s, label: t(`codesignAccountability.groups.age_band.${s}`) }))
        : null;
  const districts = useQuery({
    queryKey: ['districts'],
    queryFn: () => api<{ items: { id: string; name: string }[] }>('/districts'),
    enabled: open,
  });
  const set = (key: number, change: Partial<Draft>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await api(`/codesign/projects/${projectId}/affected-groups`, {
        method: 'PUT',
        body: {
          groups: rows.map((r) => ({
            dimension: r.dimension,
            value: r.value.trim(),
            expectedShare: r.share.trim() === '' ? null : Number(r.share) / 100,
          })),
        },
      });
      await qc.invalidateQueries({ queryKey: accountabilityKeys.project(projectId) });
    }, form.current);
    if (ok) setOpen(false);
  };
  return (
    <div className="affected-editor">
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('codesignAccountability.affected.edit')}
      </button>
      {open && (
        <form id={formId} ref={form} onSubmit={submit} noValidate className="stack">
          <h3>{t('codesignAccountability.affected.title')}</h3>
          <p className="hint">{t('codesignAccountability.affected.hint')}</p>
          <FormError
            error={action.error}
            fields={rows.flatMap((_, i) => [`groups/${i}/value`, `groups/${i}/expectedShare`])}
          />
          {rows.length === 0 && <p>{t('codesignAccountability.affected.empty')}</p>}
          <ol className="affected-rows">
            {rows.map((r, i) => {
              const choices = valuesOf(r.dimension);
              const districtChoices =
                r.dimension === 'district'
                  ? [
                      { value: '', label: '–' },
                      ...(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
                    ]
                  : null;
              const name = groupLabel(
                t,
                i18n.language,
                r.dimension,
                r.value || null,
                districts.data?.items.find((d) => d.id === r.value)?.name ?? null,
              );
              return (
                <li key={r.key} className="affected-row">
                  <SelectField
                    label={t('codesignAccountability.affected.dimension')}
                    name={`groups/${i}/dimension`}
                    error={action.error}
                    value={r.dimension}
                    options={dimensions.map((d) => ({
                      value: d,
                      label: t(`codesignAccountability.reach.dimension.${d}`),
                    }))}
                    onChange={(e) => set(r.key, { dimension: e.target.value as Dimension, value: '' })}
                  />
                  {choices || districtChoices ? (
                    <SelectField
                      label={t('codesignAccountability.affected.value')}
                      name={`groups/${i}/value`}
                      error={action.error}
                      value={r.value}
                      options={choices ? [{ value: '', label: '–' }, ...choices] : (districtChoices ?? [])}
                      onChange={(e) => set(r.key, { value: e.target.value })}
                    />
                  ) : (
                    <TextField
                      label={t('codesignAccountability.affected.language')}
                      hint={t('codesignAccountability.affected.languageHint')}
                      name={`groups/${i}/value`}
                      error={action.error}
                      value={r.value}
                      maxLength={3}
                      autoComplete="off"
                      onChange={(e) => set(r.key, { value: e.target.value.toLowerCase() })}
                    />
                  )}
                  <TextField
                    label={t('codesignAccountability.affected.share')}
                    hint={t('codesignAccountability.affected.shareHint')}
                    name={`groups/${i}/expectedShare`}
                    error={action.error}
                    inputMode="numeric"
                    value={r.share}
                    onChange={(e) => set(r.key, { share: e.target.value.replace(/[^0-9]/g, '').slice(0, 3) })}
                  />
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  >
                    {t('codesignAccountability.affected.remove', { group: name })}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setRows((rs) => [...rs, { key: next, dimension: 'stake', value: '', share: '' }]);
                setNext((n) => n + 1);
              }}
            >
              {t('codesignAccountability.affected.add')}
            </button>
            <SubmitButton pending={action.pending}>{t('codesignAccountability.affected.save')}</SubmitButton>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
