import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeading } from '../../app/ui.tsx';

/**
 * A part of the app that could not be loaded: its code was fetched by a page opened before a new
 * version was installed (the old file is gone), or the connection dropped while fetching it. The
 * browsers say so in words of their own.
 */
export function isChunkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'ChunkLoadError' ||
    /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload CSS/i.test(
      error.message,
    )
  );
}

type Kind = 'chunk' | 'notFound' | 'unexpected';

function kindOf(error: unknown): Kind {
  if (isChunkError(error)) return 'chunk';
  if (isRouteErrorResponse(error) && error.status === 404) return 'notFound';
  return 'unexpected';
}

function technical(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function Body({ kind, error }: { kind: Kind; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t(`feedback.error.${kind}.text`)}</p>
      <div className="actions">
        {kind !== 'notFound' && (
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            {t('feedback.error.reload')}
          </button>
        )}
        <a className={kind === 'notFound' ? 'button primary' : 'button secondary'} href="/">
          {t('feedback.error.home')}
        </a>
      </div>
      {kind === 'unexpected' && (
        <details>
          <summary>{t('feedback.error.details')}</summary>
          <p className="mono">{technical(error)}</p>
        </details>
      )}
    </>
  );
}

/**
 * What a person sees instead of a page that failed — never the router's developer page: in plain
 * words what happened, and a way back (reload, which fetches the new version; the home page). Shown
 * inside the layout, so the navigation stays usable.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const kind = kindOf(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="error-page">
      <PageHeading title={t(`feedback.error.${kind}.title`)} />
      <Body kind={kind} error={error} />
    </div>
  );
}

/**
 * The same when the layout itself failed: the page stands alone, with its own main landmark and a
 * plain link home (a full page load, since the app may be in no state to navigate).
 */
export function RootErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const kind = kindOf(error);
  useEffect(() => {
    console.error(error);
    document.title = t(`feedback.error.${kind}.title`);
  }, [error, kind, t]);
  return (
    <main id="main" className="boot error-page">
      <h1>{t(`feedback.error.${kind}.title`)}</h1>
      <Body kind={kind} error={error} />
    </main>
  );
}
