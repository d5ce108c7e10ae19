import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import { FreshnessNote, useFreshness } from './FreshnessNote.tsx';
import { contentPath } from './lib.ts';
import type { TargetType } from './types.ts';

const targetTypes: readonly string[] = ['wiki_page', 'map_report'];

/**
 * One thing's freshness, where the reminders and the list lead: what it is, and the note with its
 * actions — "Ist noch aktuell", readers' notes, owner and interval — or, for a reader, "Das stimmt
 * nicht mehr". A thing the person may not see is "not found", as everywhere.
 */
export function CheckPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const params = useParams();
  const type = (
    targetTypes.includes(params.targetType ?? '') ? params.targetType : 'wiki_page'
  ) as TargetType;
  const target = { type, id: params.targetId ?? '' };
  const detail = useFreshness(target);
  return (
    <div className="stack">
      <QueryView query={detail}>
        {(d) => (
          <>
            <PageHeading title={t('freshness.check.title', { title: d.target.title })}>
              <p className="meta">
                {t(`freshness.kind.${d.target.type}`)}
                {d.target.organisation && <> · {d.target.organisation.name}</>}
              </p>
            </PageHeading>
            <p>
              <Link to={contentPath(d.target)}>{t(`freshness.check.open.${d.target.type}`)}</Link>
            </p>
            <FreshnessNote freshness={d.freshness} target={target} />
          </>
        )}
      </QueryView>
      {session.account && (
        <p>
          <Link to="/wissen/aktualitaet">{t('freshness.check.toList')}</Link>
        </p>
      )}
    </div>
  );
}
