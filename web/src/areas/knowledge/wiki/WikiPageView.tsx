import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, PageHeading, QueryView } from '../../../app/ui.tsx';
import { FollowButton } from '../digests/FollowButton.tsx';
import { FreshnessNote } from '../freshness/FreshnessNote.tsx';
import { wikiKeys } from './queries.ts';
import type { WikiPage } from './types.ts';
import { BackToWiki, Byline, useWikiPage, VisibilityNote, WikiName, wikiPath } from './WikiParts.tsx';

/** Links to pages not written yet, with an offer to write each (editors). */
function MissingLinks({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  if (!page.abilities.edit || page.missingLinks.length === 0) return null;
  const create = (title: string) => {
    const p = new URLSearchParams({ titel: title });
    if (page.organisation) p.set('wiki', page.organisation.id);
    return `/wissen/wiki/neu?${p}`;
  };
  return (
    <section className="wiki-aside" aria-labelledby="missing-title">
      <h2 id="missing-title" className="h3">
        {t('wiki.missingTitle')}
      </h2>
      <p className="hint">{t('wiki.missingHint')}</p>
      <ul>
        {page.missingLinks.map((m) => (
          <li key={m}>
            <Link to={create(m)}>{t('wiki.createMissing', { title: m })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Backlinks({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  return (
    <section className="wiki-aside" aria-labelledby="backlinks-title">
      <h2 id="backlinks-title" className="h3">
        {t('wiki.backlinksTitle')}
      </h2>
      {page.backlinks.length === 0 ? (
        <p>{t('wiki.noBacklinks')}</p>
      ) : (
        <ul>
          {page.backlinks.map((b) => (
            <li key={b.id}>
              <Link to={wikiPath(b.id)}>{b.title}</Link>
              {b.organisation && <span className="meta"> · {b.organisation.name}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Attachments({ page }: { page: WikiPage }) {
  const { t } = useTranslation();
  if (page.attachments.length === 0) return null;
  return (
    <section className="wiki-aside" aria-labelledby="attachments-title">
      <h2 id="attachments-title" className="h3">
        {t('wiki.attachmentsTitle')}
      </h2>
      <ul className="wiki-attachments">
        {page.attachments.map((a) => (
          <li key={a.id}>
            {a.thumbUrl && <img src={a.thumbUrl} alt="" />}
            <a href={a.url} download={a.kind === 'pdf' ? a.fileName : undefined}>
              {a.description}
            </a>
            <span className="meta">
              ({a.kind === 'pdf' ? t('wiki.pdf') : t('wiki.image')},{' '}
              {Math.max(1, Math.round(a.sizeBytes / 1024))} KB)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /wissen/wiki/:id (?version=n for an earlier revision) */
export function WikiPageView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || undefined;
  const query = useWikiPage(id, version);
  const refresh = () => qc.invalidateQueries({ queryKey: wikiKeys.all() });
  return (
    <QueryView query={query}>
      {(p) => (
        <article>
          <BackToWiki />
          <PageHeading title={p.title}>
            <p className="meta">
              <WikiName organisation={p.organisation} /> · <Byline author={p.author} when={p.revisedAt} />{' '}
              <VisibilityNote visibility={p.visibility} />
            </p>
          </PageHeading>
          {p.archivedAt && (
            <p className="notice" role="note">
              <span aria-hidden="true">🗄 </span>
              {t('wiki.archivedNotice')}
            </p>
          )}
          {p.revision !== p.currentRevision && (
            <p className="notice" role="note">
              {t('wiki.oldRevision', { revision: p.revision, current: p.currentRevision })}{' '}
              <Link to={wikiPath(p.id)}>{t('wiki.toCurrent')}</Link>
            </p>
          )}
          <FreshnessNote freshness={p.freshness} target={{ type: 'wiki_page', id: p.id }} />
          <div className="actions">
            {p.abilities.edit && p.revision === p.currentRevision && !p.archivedAt && (
              <Link className="button primary" to={`${wikiPath(p.id)}/bearbeiten`}>
                {t('wiki.edit')}
              </Link>
            )}
            <Link className="button secondary" to={`${wikiPath(p.id)}/versionen`}>
              {t('wiki.history', { count: p.currentRevision })}
            </Link>
            {session.account && !p.archivedAt && (
              <FollowButton
                targetType="wiki_page"
                targetId={p.id}
                following={p.following}
                invalidate={wikiKeys.page(p.id)}
              />
            )}
          </div>
          {p.body.trim() ? <RichText html={p.html} className="wiki-body" /> : <p>{t('wiki.emptyPage')}</p>}
          <Attachments page={p} />
          <Backlinks page={p} />
          <MissingLinks page={p} />
          {p.abilities.edit && p.revision === p.currentRevision && (
            <section className="wiki-aside" aria-labelledby="manage-title">
              <h2 id="manage-title" className="h3">
                {t('wiki.manageTitle')}
              </h2>
              {p.archivedAt ? (
                <ConfirmButton
                  className="button secondary"
                  label={t('wiki.unarchive')}
                  title={t('wiki.unarchiveConfirmTitle')}
                  message={t('wiki.unarchiveConfirm', { title: p.title })}
                  confirmLabel={t('wiki.unarchive')}
                  onConfirm={async () => {
                    await api(`/wiki/pages/${p.id}/unarchive`, { method: 'POST' });
                    await refresh();
                  }}
                  done={t('wiki.done.unarchived')}
                />
              ) : (
                <ConfirmButton
                  label={t('wiki.archive')}
                  title={t('wiki.archiveConfirmTitle')}
                  message={t('wiki.archiveConfirm', { title: p.title })}
                  confirmLabel={t('wiki.archive')}
                  onConfirm={async () => {
                    await api(`/wiki/pages/${p.id}/archive`, { method: 'POST' });
                    await refresh();
                    navigate('/wissen/wiki');
                  }}
                  done={t('wiki.done.archived')}
                />
              )}
            </section>
          )}
        </article>
      )}
    </QueryView>
  );
}
