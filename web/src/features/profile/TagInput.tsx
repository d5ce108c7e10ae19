import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';

/**
 * A list of short words (skills, interests, languages): type one, press Enter or "Add"; each tag
 * has its own remove button with a full accessible name.
 */
export function TagInput({
  label,
  name,
  hint,
  values,
  onChange,
  error,
  normalise = (v) => v.trim(),
  display = (v) => v,
}: {
  label: string;
  name: string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  error?: unknown;
  normalise?: (v: string) => string;
  display?: (v: string) => string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const message = error instanceof ApiError ? error.field(name) : undefined;

  function add() {
    const v = normalise(draft);
    if (!v) return;
    if (!values.includes(v)) onChange([...values, v]);
    setDraft('');
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  }

  const describedBy = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={message ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {values.length > 0 && (
        <ul className="tags editable" aria-label={label}>
          {values.map((v) => (
            <li key={v} className="tag">
              <span>{display(v)}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={t('tags.remove', { tag: display(v) })}
                onClick={() => onChange(values.filter((x) => x !== v))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-input">
        <input
          id={id}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy}
        />
        <button type="button" className="button secondary" onClick={add}>
          {t('tags.add')}
        </button>
      </div>
      {message && (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
    </div>
  );
}
