import './communities.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { communityPath } from './queries.ts';
import type { CommunitySummary } from './types.ts';

/** Where it meets, in words: "Vor Ort in Weidenau", "Auch in Auental, Birkheim", "Nur online". */
export function Where({ c }: { c: CommunitySummary }) {
  const { t } = useTranslation();
  if (c.space === 'local')
    return (
      <>
        {c.district
          ? t('placesCommunities.where.local', { district: c.district.name })
          : t('placesCommunities.where.localNoDistrict')}
      </>
    );
  if (c.space === 'translocal')
    return (
      <>
        {c.towns.length > 0
          ? t('placesCommunities.where.translocal', { towns: c.towns.join(', ') })
          : t('placesCommunities.where.translocalNoTowns')}
      </>
    );
  return <>{t('placesCommunities.where.online')}</>;
}

/** How many belong: the number, or "fewer than five" where the count is withheld. */
export function MemberCount({ c }: { c: CommunitySummary }) {
  const { t } = useTranslation();
  if (c.members === null) return <>{t('placesCommunities.membersFew')}</>;
  return <>{t('placesCommunities.members', { count: c.members })}</>;
}

/** The person's place in it, in words (none when they are not in it). */
export function MeBadge({ c }: { c: CommunitySummary }) {
  const { t } = useTranslation();
  if (!c.me) return null;
  const text =
    c.me.status === 'requested'
      ? t('placesCommunities.me.requested')
      : t(`placesCommunities.me.${c.me.role}`);
  return <span className={`status-pill ${c.me.status === 'active' ? 'ok' : 'wait'}`}>{text}</span>;
}

/** The few facts under a community's name: where, how one joins, how many. */
export function CommunityFacts({ c }: { c: CommunitySummary }) {
  const { t } = useTranslation();
  return (
    <p className="meta community-facts">
      <span>
        <Where c={c} />
      </span>
      <span>{t(`placesCommunities.joining.${c.joining}`)}</span>
      <span>
        <MemberCount c={c} />
      </span>
    </p>
  );
}

/** One community in a list. */
export function CommunityCard({ c }: { c: CommunitySummary }) {
  return (
    <li className="card community-card">
      <h3>
        <Link to={communityPath(c.slug)}>{c.name}</Link> <MeBadge c={c} />
      </h3>
      {c.summary && <p>{c.summary}</p>}
      <CommunityFacts c={c} />
    </li>
  );
}

export function BackToList() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/raeume/gemeinschaften">{t('placesCommunities.page.backToList')}</Link>
    </p>
  );
}
