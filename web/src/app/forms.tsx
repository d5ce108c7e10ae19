import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { announce, type DoneSpec, originOf } from './announce.tsx';
import { ApiError, errorMessage } from './api.ts';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

function fieldError(error: unknown, name: string): string | undefined {
  return error instanceof ApiError ? error.field(name) : undefined;
}

/**
 * A check the browser does before asking the server, shown exactly like the server's own answer
 * (message at each field, summary on top), so both kinds of mistakes read the same.
 */
export function invalid(title: string, fields: Record<string, string>): ApiError {
  return new ApiError(422, 'validation', title, fields);
}

interface FieldShell {
  label: string;
  name: string;
  /** The last error of the form: its message for this field is shown here. */
  error?: unknown;
  /** Field name in the server's answer, when it differs from `name`. */
  serverField?: string;
  hint?: ReactNode;
}

function FieldFrame({
  id,
  label,
  hint,
  hintId,
  message,
  errorId,
  required,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  hintId: string;
  message?: string;
  errorId: string;
  required?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={message ? 'field invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children}
      {message && (
        <p id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  name,
  error,
  serverField,
  hint,
  ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const id = useId();
  const message = fieldError(error, serverField ?? name);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      hintId={`${id}-hint`}
      message={message}
      errorId={`${id}-error`}
      required={input.required}
    >
      <input
        {...input}
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, message && `${id}-error`)}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  serverField,
  hint,
  ...input
}: FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const id = useId();
  const message = fieldError(error, serverField ?? name);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      hintId={`${id}-hint`}
      message={message}
      errorId={`${id}-error`}
      required={input.required}
    >
      <textarea
        rows={4}
        {...input}
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, message && `${id}-error`)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  error,
  serverField,
  hint,
  options,
  ...select
}: FieldShell & {
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  const id = useId();
  const message = fieldError(error, serverField ?? name);
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      hintId={`${id}-hint`}
      message={message}
      errorId={`${id}-error`}
      required={select.required}
    >
      <select
        {...select}
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && `${id}-hint`, message && `${id}-error`)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radio buttons or checkboxes under one legend, with the hint and the error of the group. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  type,
  options,
  value,
  onChange,
  error,
  serverField,
  hint,
}: {
  legend: string;
  name: string;
  type: 'radio' | 'checkbox';
  options: { value: T; label: string; hint?: string }[];
  value: T[];
  onChange: (value: T[]) => void;
  error: unknown;
  /** Field name in the server's answer, when it differs from `name`. */
  serverField?: string;
  hint?: string;
}) {
  const id = useId();
  const message = fieldError(error, serverField ?? name);
  return (
    <fieldset
      className={message ? 'field invalid' : 'field'}
      aria-describedby={describedBy(hint && `${id}-hint`, message && `${id}-error`)}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <ul className="check-list">
        {options.map((o) => (
          <li key={o.value}>
            <label className="check">
              <input
                type={type}
                name={name}
                value={o.value}
                checked={value.includes(o.value)}
                aria-invalid={message ? true : undefined}
                onChange={(e) =>
                  onChange(
                    type === 'radio'
                      ? [o.value]
                      : e.target.checked
                        ? [...value, o.value]
                        : value.filter((v) => v !== o.value),
                  )
                }
              />
              <span>
                {o.label}
                {o.hint && <span className="hint check-hint">{o.hint}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {message && (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The summary at the top of a form: the server's title, plus any field message that has no
 * field of its own on this form (so nothing the server said is lost).
 */
export function FormError({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const orphans =
    error instanceof ApiError
      ? Object.entries(error.fields).filter(([k]) => !fields.some((f) => k === f || k.startsWith(`${f}/`)))
      : [];
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
      </p>
      {orphans.length > 0 && (
        <ul>
          {orphans.map(([k, m]) => (
            <li key={k}>
              {k}: {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className="button primary" disabled={pending} aria-disabled={pending}>
      {pending ? t('common.working') : children}
    </button>
  );
}

/**
 * The confirmation of a successful save, said in the layout's one status region (app/announce.tsx)
 * — shown there, not a second time beside the form. Prefer `useAction({ done })`, which also moves
 * focus; this stays for forms that show `done` themselves.
 */
export function Saved({ show, children }: { show: boolean; children: string }) {
  useEffect(() => {
    if (show) announce(children);
  }, [show, children]);
  return null;
}

/**
 * Runs one form action: pending state, the error for the fields, and focus on the first field the
 * server rejected (or on the summary), so a screen reader hears what went wrong. On success `done`
 * (a text, or a text and where focus goes) is said in the layout's status region and focus moves
 * (app/announce.tsx): given to the hook, or to `run` when it depends on the action's result.
 */
export function useAction(options: { done?: DoneSpec } = {}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  // the text of this render (it may name what the form holds now), read when the action succeeds
  const said = useRef(options.done);
  said.current = options.done;
  const run = useCallback(async function run<T>(
    fn: () => Promise<T>,
    form?: HTMLElement | null,
    onDone?: DoneSpec | ((result: T) => DoneSpec | undefined),
  ): Promise<boolean> {
    const origin = originOf();
    setPending(true);
    setError(null);
    setDone(false);
    try {
      const result = await fn();
      setDone(true);
      const text =
        onDone === undefined ? said.current : typeof onDone === 'function' ? onDone(result) : onDone;
      if (text) announce(text, origin);
      return true;
    } catch (err) {
      setError(err);
      requestAnimationFrame(() => {
        const target =
          form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
          form?.querySelector<HTMLElement>('.form-error');
        if (target) {
          if (!target.hasAttribute('tabindex') && target.classList.contains('form-error'))
            target.tabIndex = -1;
          target.focus();
        }
      });
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setDone(false);
  }, []);
  return { pending, error, done, run, reset };
}
