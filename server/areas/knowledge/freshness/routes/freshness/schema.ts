import { Type } from '@fastify/type-provider-typebox';
import { freshnessTargets } from '../../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../../http/schemas.ts';
import { FreshnessView } from '../../state.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Person = Type.Object({ id: Uuid, name: Type.String() });

export const TargetParams = Type.Object(
  { targetType: literals(freshnessTargets), targetId: Uuid },
  { additionalProperties: false },
);

/** What a freshness note is about: enough to name it and to link to it. */
export const TargetView = Type.Object({
  type: literals(freshnessTargets),
  id: Uuid,
  title: Type.String(),
  /** the wiki page's slug; null for a map report */
  slug: Nullable(Type.String()),
  /** the organisation whose wiki page it is; null for the network's pages and map reports */
  organisation: Nullable(Type.Object({ id: Uuid, name: Type.String(), slug: Type.String() })),
});

export const NoteView = Type.Object({
  id: Uuid,
  note: Type.String(),
  /** null when the reader's account is gone */
  reporter: Nullable(Person),
  createdAt: Timestamp,
});

export const FreshnessDetail = Type.Object({
  target: TargetView,
  freshness: FreshnessView,
  abilities: Type.Object({
    /** say "still correct", see readers' notes, change owner and interval */
    confirm: Type.Boolean(),
    /** say "this is out of date" */
    report: Type.Boolean(),
  }),
  /** whether the caller has an open "out of date" note here */
  reportedByMe: Type.Boolean(),
  /** readers' open notes, oldest first — only for those who may confirm (empty otherwise) */
  notes: Type.Array(NoteView),
  /** who may be made owner (the thing's editors) — only for those who may confirm (empty otherwise) */
  ownerCandidates: Type.Array(Person),
});

export const OutdatedSave = Type.Object(
  {
    /** what is no longer correct, in the reader's words */
    note: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const FreshnessChangeSave = Type.Object(
  {
    ownerId: Type.Optional(Uuid),
    reviewIntervalDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 730 })),
  },
  // a change names at least one of them (the server refused an empty one as "nothing to change")
  { additionalProperties: false, minProperties: 1 },
);

export const StaleQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const StaleItem = Type.Object({
  target: TargetView,
  freshness: FreshnessView,
  /** whole days since the check was due; 0 when it is not due yet (stale by a reader's note) */
  overdueDays: Type.Integer(),
});
