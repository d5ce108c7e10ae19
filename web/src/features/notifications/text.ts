import type { TFunction } from 'i18next';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import type { Notification } from '../../app/types.ts';

/**
 * What a notification says: the text for its kind ("invitation.accepted" →
 * notification.kinds.invitation_accepted) filled with its params, formatted as the server's list of
 * kinds (server/platform/notifications.ts) promises — `…At` an instant, `minutes` a duration, `count`
 * the plural form, `role` a membership role, `reported` the name of a reported thing (quoted, or said
 * to have none), an empty `from`/`by` the community pool. A kind this client does not know yet
 * (a newer server) still says something.
 */
export function notificationText(t: TFunction, n: Pick<Notification, 'kind' | 'params'>): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(n.params)) params[name] = formatParam(t, name, value);
  return t(`notification.kinds.${n.kind.replaceAll('.', '_')}`, {
    ...params,
    ...(typeof n.params.count === 'number' ? { count: n.params.count } : {}),
    defaultValue: t('notification.kinds.fallback'),
  });
}

function formatParam(t: TFunction, name: string, value: string | number): string | number {
  if (name.endsWith('At') && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return formatDateTime(value);
  if (name === 'minutes' && typeof value === 'number') return formatMinutes(t, value);
  if (name === 'role' && typeof value === 'string') return t(`role.${value}`, { defaultValue: value });
  if (name === 'reported')
    return value === '' ? t('notification.reportedUnnamed') : t('notification.reported', { name: value });
  if ((name === 'from' || name === 'by') && value === '') return t('timebank.pool');
  return value;
}
