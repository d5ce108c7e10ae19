import type { Catalogue } from '../../i18n/messages.ts';
import { seg, webPath } from '../../platform/webPath.ts';

/**
 * Zeitbank: what the foundation's closed lists take from this area (server/areas/lists.ts) —
 * the messages it sends, the kinds of notification it writes and the pages it links to. Data only.
 */

/** Messages the area sends (errors, emails), German and English. */
export const messages = {
  // Teilen: time bank
  'timebank.insufficient_credit': {
    de: 'Dafür reicht das Zeitguthaben nicht: verfügbar sind noch {available} Minuten.',
    en: 'There are not enough time credits for this: {available} minutes are still available.',
  },
  'timebank.need_credit': {
    de: 'Unterstützungskreis: Hilfe erledigt',
    en: 'Support circle: help given',
  },
  'timebank.same_account': {
    de: 'Zahlendes und empfangendes Konto müssen verschieden sein.',
    en: 'The paying and the receiving account must be different.',
  },
  'timebank.idempotency_key_required': {
    de: 'Bitte senden Sie einen Idempotency-Key-Header (8–100 Zeichen), damit eine Überweisung nie doppelt ausgeführt wird.',
    en: 'Please send an Idempotency-Key header (8–100 characters) so that a transfer is never made twice.',
  },
  'timebank.idempotency_mismatch': {
    de: 'Dieser Idempotency-Key wurde schon für eine andere Überweisung verwendet.',
    en: 'This idempotency key was already used for a different transfer.',
  },
  'timebank.not_requested': {
    de: 'Diese Überweisung wartet nicht mehr auf eine Entscheidung (Status: {status}).',
    en: 'This transfer is no longer waiting for a decision (status: {status}).',
  },
  'timebank.not_completed': {
    de: 'Nur ausgeführte Überweisungen können storniert werden (Status: {status}).',
    en: 'Only completed transfers can be reversed (status: {status}).',
  },
  'timebank.reversal_overdraws': {
    de: 'Die Stornierung würde das Konto von {name} unter sein Kreditlimit bringen.',
    en: 'The reversal would take the account of {name} below its credit limit.',
  },
  'timebank.limit_below_balance': {
    de: 'Das Kreditlimit kann nicht kleiner sein als der aktuelle Minusstand ({debt} Minuten).',
    en: 'The credit limit cannot be lower than the current debt ({debt} minutes).',
  },
  'timebank.source_not_found': {
    de: 'Die verknüpfte Buchung gibt es nicht.',
    en: 'The linked booking does not exist.',
  },
} satisfies Catalogue;

/** The kinds of notification the area writes, with their params (see platform/notifications.ts). */
export const notificationKinds = {
  'timebank.transfer_received': ['minutes', 'from'],
  'timebank.transfer_requested': ['minutes', 'by'],
  'timebank.transfer_declined': ['minutes', 'by'],
} as const satisfies Record<string, readonly string[]>;

/** The area's pages the server links to (see platform/webPaths.ts). */
export const webPaths = {
  transfer: (transferId: string) => webPath(`/zeitbank/ueberweisungen/${seg(transferId)}`),
  /** My accounts, with the requests waiting for a decision. */
  timebank: () => webPath('/zeitbank'),
} satisfies Record<string, (...args: string[]) => string>;
