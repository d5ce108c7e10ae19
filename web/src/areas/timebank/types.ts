/**
 * The shapes of the time bank's API, derived from the server's response schemas
 * (server/areas/timebank/routes/timebank/schema.ts). Type-only imports: nothing reaches the bundle.
 */
import type { Static } from '@fastify/type-provider-typebox';
import type {
  AccountView,
  LedgerHealthView,
  OwnerType as OwnerTypeSchema,
  StatementLineView,
  StatementView,
  TransferView,
} from '../../../../server/areas/timebank/routes/timebank/schema.ts';
import type {
  TransferSourceType as DbTransferSourceType,
  TransferStatus as DbTransferStatus,
} from '../../../../server/db/schema.ts';

export type OwnerType = Static<typeof OwnerTypeSchema>;

export type Account = Static<typeof AccountView>;

export type Party = Transfer['payer'];

/** The schema builds this union from the database's list (Static makes it `never`), so from the list. */
export type TransferStatus = DbTransferStatus;

/** What a transfer was for; 'need' is a care-circle credit (it has no memo, the client names it). */
export type TransferSourceType = DbTransferSourceType;

export type Transfer = Static<typeof TransferView>;

export type StatementLine = Static<typeof StatementLineView>;

export type Statement = Static<typeof StatementView>;

export type LedgerHealth = Static<typeof LedgerHealthView>;
