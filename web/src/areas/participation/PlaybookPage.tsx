import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeading, QueryView, ScrollRegion, Tags } from '../../app/ui.tsx';
import { MethodUsage } from '../codesign/index.ts';
import { ParticipationNav } from './common.tsx';
import { Byline, usePlaybookPage } from './PlaybookParts.tsx';
import type { PlaybookChannel } from './types.ts';

/** Plain text with blank lines as paragraphs and "- " lines as a list; nothing is rendered as HTML. */
function Body({ text }: { text: string }) {
  const blocks = text.split(/\n{2,}/).filter((b) => b.trim());
  return (
    <div className="playbook-body">
      {blocks.map((b, i) => {
        const lines = b.split('\n');
        const key = `${i}-${b.slice(0, 20)}`;
        if (lines.every((l) => l.startsWith('- ')))
          return (
            <ul key={key}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the text is rendered whole; lines may repeat
                <li key={`${j}-${l}`}>{l.slice(2)}</li>
              ))}
            </ul>
          );
        const listStart = lines.findIndex((l) => l.startsWith('- '));
        if (listStart > 0 && lines.slice(listStart).every((l) => l.startsWith('- ')))
          return (
            <div key={key}>
              <p className="prewrap">{lines.slice(0, listStart).join('\n')}</p>
              <ul>
                {lines.slice(listStart).map((l, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the text is rendered whole; lines may repeat
                  <li key={`${j}-${l}`}>{l.slice(2)}</li>
                ))}
              </ul>
            </div>
          );
        return (
          <p key={key} className="prewrap">
            {b}
          </p>
        );
      })}
    </div>
  );
}

function Channels({ channels }: { channels: PlaybookChannel[] }) {
  const { t } = useTranslation();
  if (channels.length === 0) return null;
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t('participation.playbook.channels')}</h2>
      <ScrollRegion label={t('participation.playbook.channels')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('participation.playbook.channel')}</th>
              <th scope="col">{t('participation.playbook.reached')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={`${c.channel}-${c.reached}`}>
                <th scope="row">{c.channel}</th>
                <td>{c.reached}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** /mitmachen/praxis/:id (?version=n for an earlier revision) */
export function PlaybookPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || undefined;
  const page = usePlaybookPage(id, version);
  return (
    <QueryView query={page}>
      {(r) => (
        <>
          <PageHeading title={r.title}>
            <p className="meta">
              <Byline r={r} />
            </p>
          </PageHeading>
          <ParticipationNav />
          {r.revision !== r.currentRevision && (
            <p className="notice">
              {t('participation.playbook.oldRevision', { revision: r.revision, current: r.currentRevision })}{' '}
              <Link to={`/mitmachen/praxis/${r.pageId}`}>{t('participation.playbook.toCurrent')}</Link>
            </p>
          )}
          <div className="actions">
            {r.abilities.edit && r.revision === r.currentRevision && (
              <Link className="button primary" to={`/mitmachen/praxis/${r.pageId}/bearbeiten`}>
                {t('participation.playbook.edit')}
              </Link>
            )}
            <Link className="button secondary" to={`/mitmachen/praxis/${r.pageId}/versionen`}>
              {t('participation.playbook.revisions', { count: r.currentRevision })}
            </Link>
          </div>
          <Tags items={r.tags} label={t('participation.playbook.tags')} />
          <Body text={r.body} />
          <Channels channels={r.channels} />
          <MethodUsage pageId={r.pageId} />
        </>
      )}
    </QueryView>
  );
}
