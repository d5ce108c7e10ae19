export type OwnerType = 'person' | 'organisation' | 'pool';

export interface Account {
  id: string;
  ownerType: OwnerType;
  ownerId: string | null;
  name: string | null;
  balance?: number;
  creditLimit?: number | null;
  available?: number | null;
  abilities: { pay: boolean; request: boolean; view: boolean };
}

export interface Party {
  accountId: string;
  ownerType: OwnerType;
  ownerId: string | null;
  name: string | null;
}

export type TransferStatus = 'requested' | 'completed' | 'declined' | 'cancelled' | 'reversed';

/** What a transfer was for; 'need' is a care-circle credit (it has no memo, the client names it). */
export type TransferSourceType = 'offer' | 'booking' | 'shift' | 'need';

export interface Transfer {
  id: string;
  payer: Party;
  payee: Party;
  minutes: number;
  memo: string;
  status: TransferStatus;
  source: { type: TransferSourceType; id: string } | null;
  createdAt: string;
  decidedAt: string | null;
  abilities: { confirm: boolean; decline: boolean; cancel: boolean; reverse: boolean };
}

export interface StatementLine {
  entryId: string;
  transferId: string | null;
  at: string;
  kind: 'transfer' | 'reversal';
  memo: string;
  sourceType: TransferSourceType | null;
  amount: number;
  balanceAfter: number;
  counterparty: { accountId: string; ownerType: OwnerType; name: string | null } | null;
}

export interface Statement {
  account: Account;
  items: StatementLine[];
  total: number;
  limit: number;
  offset: number;
}

export interface LedgerHealth {
  ok: boolean;
  accounts: number;
  entries: number;
  reversals: number;
  balanceSum: number;
  mismatchedAccounts: number;
  unbalancedEntries: number;
  overLimitAccounts: number;
}
