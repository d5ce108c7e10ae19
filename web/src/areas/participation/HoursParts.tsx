import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n.ts';
import { formatMinutes } from '../../app/localTime.ts';
import { HoursStatusPill, LevelBadge } from './common.tsx';
import type { Hours } from './types.ts';

export function HoursRow({ h, showVolunteer = false }: { h: Hours; showVolunteer?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="meta">
        <HoursStatusPill status={h.status} /> {h.level && <LevelBadge level={h.level} />}
      </p>
      <h3>{h.activity}</h3>
      <p className="meta">
        {showVolunteer && `${h.volunteer.name} · `}
        {h.organisation.name} · {formatDateOnly(h.date)} · {formatMinutes(t, h.minutes)} ·{' '}
        {t(`participation.hours.source.${h.source}`)}
        {h.creditMinutes !== null &&
          ` · ${t('participation.hours.credits', { time: formatMinutes(t, h.creditMinutes) })}`}
      </p>
      {h.decisionNote && <p className="quote">{h.decisionNote}</p>}
    </>
  );
}

export function formatDateOnly(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
