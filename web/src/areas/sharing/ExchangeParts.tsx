import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMinutes } from '../../app/localTime.ts';
import { formatDate } from '../../app/ui.tsx';
import { useDistricts } from '../../features/profile/ProfilePage.tsx';
import { districtName } from './lib.ts';
import type { Post } from './types.ts';

export function PostCard({ p }: { p: Post }) {
  const { t } = useTranslation();
  const districts = useDistricts();
  const district = districtName(districts.data, p.districtId);
  const expired = new Date(p.expiresAt).getTime() < Date.now();
  return (
    <li className="card post-card">
      <p className="meta">
        <span className={`status-pill ${p.kind === 'offer' ? 'good' : 'wait'}`}>
          {t(`sharing.exchange.kind.${p.kind}`)}
        </span>{' '}
        · {t(`sharing.exchange.category.${p.category}`)}
        {district && ` · ${district}`}
      </p>
      <h3>
        <Link to={`/tauschring/${p.id}`}>{p.title}</Link>
      </h3>
      <p className="meta">
        {p.organisation ? `${p.author.name} (${p.organisation.name})` : p.author.name}
        {p.timeCreditMinutes !== null &&
          ` · ${t('sharing.exchange.credits', { amount: formatMinutes(t, p.timeCreditMinutes) })}`}
        {' · '}
        {p.status === 'closed'
          ? t('sharing.exchange.closed')
          : expired
            ? t('sharing.exchange.expired')
            : t('sharing.exchange.until', { date: formatDate(p.expiresAt) })}
      </p>
      {p.description && <p className="clamp">{p.description}</p>}
    </li>
  );
}
