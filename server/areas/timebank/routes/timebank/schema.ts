import { Type } from '@fastify/type-provider-typebox';
import { payableSourceTypes, transferSourceTypes, transferStatuses } from '../../../../db/schema.ts';
import { literals, PageQuery, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const OwnerType = Type.Union([
  Type.Literal('person'),
  Type.Literal('organisation'),
  Type.Literal('pool'),
]);
export const TransferStatusSchema = literals(transferStatuses);
export const SourceType = literals(transferSourceTypes);
/** The sources a payment on the time bank's route may name (not a care-circle need). */
const PayableSourceType = literals(payableSourceTypes);

/** An account as anyone may see it: whose it is. Balance and limit only for its holders and admins. */
export const AccountView = Type.Object({
  id: Type.String(),
  ownerType: OwnerType,
  ownerId: Nullable(Type.String()),
  /** null for the community pool (the client names it in the user's language) */
  name: Nullable(Type.String()),
  balance: Type.Optional(Type.Integer({ description: 'minutes' })),
  creditLimit: Type.Optional(Nullable(Type.Integer({ description: 'minutes; null = unlimited' }))),
  available: Type.Optional(Nullable(Type.Integer({ description: 'minutes that can still be paid' }))),
  abilities: Type.Object({ pay: Type.Boolean(), request: Type.Boolean(), view: Type.Boolean() }),
});

export const AccountLookupQuery = Type.Object(
  {
    personId: Type.Optional(Uuid),
    organisationId: Type.Optional(Uuid),
    pool: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

export const CreditLimitChange = Type.Object(
  {
    creditLimit: Type.Union([Type.Integer({ minimum: 0, maximum: 100_000 }), Type.Null()], {
      description:
        'minutes below zero the account may go; null: back to the default of its kind (the pool: none)',
    }),
  },
  { additionalProperties: false },
);

const Party = Type.Object({
  accountId: Type.String(),
  ownerType: OwnerType,
  ownerId: Nullable(Type.String()),
  name: Nullable(Type.String()),
});

export const TransferView = Type.Object({
  id: Type.String(),
  payer: Party,
  payee: Party,
  minutes: Type.Integer(),
  memo: Type.String(),
  status: TransferStatusSchema,
  source: Nullable(Type.Object({ type: SourceType, id: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  abilities: Type.Object({
    confirm: Type.Boolean(),
    decline: Type.Boolean(),
    cancel: Type.Boolean(),
    reverse: Type.Boolean(),
  }),
});

export const TransferCreate = Type.Object(
  {
    payerAccountId: Uuid,
    payeeAccountId: Uuid,
    minutes: Type.Integer({ minimum: 1, maximum: 100_000 }),
    memo: Type.Optional(Type.String({ maxLength: 500 })),
    source: Type.Optional(
      Type.Object({ type: PayableSourceType, id: Uuid }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const TransferReverse = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);

export const TransferListQuery = Type.Object(
  { status: Type.Optional(TransferStatusSchema), ...PageQuery },
  { additionalProperties: false },
);

export const StatementQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const StatementLineView = Type.Object({
  entryId: Type.String(),
  transferId: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
  kind: Type.Union([Type.Literal('transfer'), Type.Literal('reversal')]),
  memo: Type.String(),
  /** what the transfer was for, so the client can name a line whose memo is empty (a care-circle credit) */
  sourceType: Nullable(SourceType),
  amount: Type.Integer({ description: 'minutes; negative = paid out' }),
  balanceAfter: Type.Integer(),
  counterparty: Nullable(
    Type.Object({ accountId: Type.String(), ownerType: OwnerType, name: Nullable(Type.String()) }),
  ),
});

export const LedgerHealthView = Type.Object({
  ok: Type.Boolean(),
  accounts: Type.Integer(),
  entries: Type.Integer(),
  reversals: Type.Integer(),
  balanceSum: Type.Integer(),
  mismatchedAccounts: Type.Integer(),
  unbalancedEntries: Type.Integer(),
  overLimitAccounts: Type.Integer(),
});

export const StatementView = Type.Object({
  account: AccountView,
  items: Type.Array(StatementLineView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
