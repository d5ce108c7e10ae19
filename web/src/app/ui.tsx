import type { UseQueryResult } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DoneSpec, type Origin, originOf } from './announce.tsx';
import { errorMessage } from './api.ts';
import { currentLocale } from './i18n.ts';
import { useSession } from './session.tsx';

const ConfirmDialog = lazy(() => import('./ConfirmDialog.tsx'));

export interface ConfirmProps {
  label: string;
  /** When several such buttons sit side by side: a name that also says which (it must contain `label`). */
  accessibleName?: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  /**
   * What to say once the step succeeded ("Buchung storniert."), and optionally where focus goes; a
   * function of what onConfirm returned when the text depends on the answer.
   */
  done?: DoneSpec | ((result: unknown) => DoneSpec | undefined);
  className?: string;
  children?: ReactNode;
}

/** The page's one h1, and the document title; focus lands here after navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { session } = useSession();
  useEffect(() => {
    document.title = `${title} – ${session.network.name}`;
  }, [title, session.network.name]);
  return (
    <div className="page-heading">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
      </p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Loading, error and (optionally) empty states for one query, then the content. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

export function Pagination({
  total,
  limit,
  offset,
  moreThanCounted = false,
  onOffset,
}: {
  total: number;
  limit: number;
  offset: number;
  /** `total` is a lower bound (a capped count): there are more pages than it gives */
  moreThanCounted?: boolean;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= limit && !moreThanCounted) return null;
  const page = Math.floor(offset / limit) + 1;
  // with a capped count, only the pages that are full for sure: "more than" stays true
  const pages = Math.max(1, moreThanCounted ? Math.floor(total / limit) : Math.ceil(total / limit));
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button
        type="button"
        className="button secondary"
        disabled={page <= 1}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        <span aria-hidden="true">← </span>
        {t('pagination.previous')}
      </button>
      <span aria-live="polite">
        {t(moreThanCounted ? 'pagination.pageOfMore' : 'pagination.page', { page, pages })}
      </span>
      <button
        type="button"
        className="button secondary"
        disabled={page >= pages && !moreThanCounted}
        onClick={() => onOffset(offset + limit)}
      >
        {t('pagination.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(d);
}

/**
 * A destructive step behind a confirmation dialog. The dialog itself (React Aria) is loaded on first
 * use, so its code is not part of the first page load.
 */
export function ConfirmButton(props: ConfirmProps) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [origin, setOrigin] = useState<Origin | undefined>();
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'button danger'}
        aria-label={props.accessibleName}
        onClick={(e) => {
          // where focus goes back to, or — when the step removes this button — where it finds a place
          setOrigin(originOf(e.currentTarget));
          setLoaded(true);
          setOpen(true);
        }}
      >
        {props.label}
      </button>
      {loaded && (
        <Suspense fallback={null}>
          <ConfirmDialog {...props} origin={origin} open={open} onOpenChange={setOpen} />
        </Suspense>
      )}
    </>
  );
}

export function Tags({ items, label }: { items: string[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {items.map((i) => (
        <li key={i} className="tag">
          {i}
        </li>
      ))}
    </ul>
  );
}

/** A wide table that scrolls sideways on a phone; it takes focus so the keyboard can scroll it too. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
