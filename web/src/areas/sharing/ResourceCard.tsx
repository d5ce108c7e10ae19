import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatEuro } from '../../app/localTime.ts';
import type { District } from '../../app/types.ts';
import { districtName } from './lib.ts';
import type { Resource } from './types.ts';

export function ResourceCard({ r, districts }: { r: Resource; districts: District[] | undefined }) {
  const { t } = useTranslation();
  const district = districtName(districts, r.districtId);
  return (
    <li className="card resource-card">
      <h3>
        <Link to={`/teilen/ressourcen/${r.id}`}>{r.title}</Link>
      </h3>
      <p className="meta">
        {t(`sharing.kind.${r.kind}`)} · {r.owner.name}
        {district && ` · ${district}`}
        {r.distanceKm !== undefined &&
          ` · ${t('sharing.resource.distance', { km: r.distanceKm.toLocaleString(undefined, { maximumFractionDigits: 1 }) })}`}
      </p>
      <p className="meta">
        {r.conditions.free ? t('sharing.resource.free') : formatEuro(r.conditions.feeCents)}
        {r.conditions.depositCents > 0 &&
          ` · ${t('sharing.resource.deposit', { amount: formatEuro(r.conditions.depositCents) })}`}
        {' · '}
        {t(`sharing.resource.who.${r.conditions.whoMayBorrow}`)}
        {r.capacity !== null && ` · ${t('sharing.resource.capacity', { count: r.capacity })}`}
        {!r.active && ` · ${t('sharing.resource.inactive')}`}
      </p>
      {r.description && <p className="clamp">{r.description}</p>}
    </li>
  );
}
