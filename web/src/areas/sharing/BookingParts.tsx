import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField } from '../../app/forms.tsx';
import type { Page } from '../../app/types.ts';
import { sharingKeys } from './queries.ts';
import { type Booking, bookingStatuses } from './types.ts';

const pageSize = 20;

export function useBookingList(path: '/bookings/mine' | '/bookings/incoming', defaultStatus: string) {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? defaultStatus;
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const list = useQuery({
    queryKey: sharingKeys.bookings(path, status, offset),
    queryFn: () =>
      api<Page<Booking>>(path, {
        query: { status: status === 'alle' ? undefined : status, limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const setStatus = (s: string) => {
    const p = new URLSearchParams();
    if (s !== defaultStatus) p.set('status', s);
    setParams(p);
  };
  const goTo = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 0) p.set('ab', String(n));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  };
  return { list, status, setStatus, goTo };
}

export function StatusFilter({ value, onChange }: { value: string; onChange: (s: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="inline-form narrow">
      <SelectField
        label={t('sharing.booking.statusFilter')}
        name="status"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={[
          { value: 'alle', label: t('sharing.booking.allStatuses') },
          ...bookingStatuses.map((s) => ({ value: s, label: t(`sharing.booking.status.${s}`) })),
        ]}
      />
    </div>
  );
}
