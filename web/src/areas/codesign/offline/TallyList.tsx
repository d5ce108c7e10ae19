import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { ConfirmButton, formatDate } from '../../../app/ui.tsx';
import { offlineKeys, type Tally } from './data.ts';

/** Tallies as a list: where the totals came from, and the count of each option. */
export function TallyItems({ items, facilitate }: { items: Tally[]; facilitate: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <ul className="offline-tallies">
      {items.map((x) => (
        <li key={x.id} className="card">
          <h3>{x.toolTitle}</h3>
          <p className="hint">
            {t('codesignOffline.tally.provenance', {
              channel: t(`codesignOffline.channel.${x.channel}`),
              people: x.people,
              who: x.enteredBy ?? t('codesignOffline.someone'),
              date: formatDate(x.enteredAt),
            })}
          </p>
          {x.note && <p>{x.note}</p>}
          <table className="offline-table">
            <caption className="visually-hidden">
              {t('codesignOffline.tally.caption', { title: x.toolTitle })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('codesignOffline.tally.option')}</th>
                <th scope="col">{t('codesignOffline.tally.count')}</th>
              </tr>
            </thead>
            <tbody>
              {x.counts.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the tally's lines in their stored order, never reordered
                <tr key={i}>
                  <td>{c.label}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {facilitate && (
            <ConfirmButton
              label={t('codesignOffline.tally.remove')}
              accessibleName={t('codesignOffline.tally.removeFor', {
                title: x.toolTitle,
                date: formatDate(x.enteredAt),
              })}
              title={t('codesignOffline.tally.removeTitle')}
              message={t('codesignOffline.tally.removeMessage')}
              confirmLabel={t('codesignOffline.tally.removeConfirm')}
              done={t('codesignOffline.tally.removed')}
              onConfirm={async () => {
                await api(`/codesign/tallies/${encodeURIComponent(x.id)}`, { method: 'DELETE' });
                await qc.invalidateQueries({ queryKey: offlineKeys.tallies() });
                await qc.invalidateQueries({ queryKey: offlineKeys.meeting() });
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
