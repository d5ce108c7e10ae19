/**
 * Zeitbank: accounts for people and organisations, transfers confirmed by the payer, an append-only
 * double-entry journal. What the other areas may use of it is exported here, nothing else.
 */
import type { AreaManifest } from '../manifest.ts';
import { timebankActivity } from './activity.ts';
import { timebankRoutes } from './routes/timebank/index.ts';
import { timebankToday } from './today.ts';

export { decideTransfer } from './commands/decideTransfer.ts';
export { type CommandContext, type TransferInput, transferCredits } from './commands/transferCredits.ts';
export { timebankPolicy } from './policies/timebank.ts';
export { ensureAccount, findTimebankAccount, findTransfer } from './repositories/timebank.ts';
export { registerTransferSources } from './transferSources.ts';

export const timebankArea: AreaManifest = {
  id: 'timebank',
  routes: [{ prefix: '/timebank', plugin: timebankRoutes }],
  /** requests for credits waiting for me as the payer */
  today: timebankToday,
  activity: timebankActivity,
};
