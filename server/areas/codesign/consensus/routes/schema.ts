import { Type } from '@fastify/type-provider-typebox';
import { codesignChannels, codesignOutcomes, codesignStances } from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';
import { OnBehalfBody, ToolHeader } from '../../projects/present.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const Day = Type.String({ format: 'date' });

export const ProposalCreate = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 160 }),
    /** what is proposed, in plain words */
    body: Type.String({ maxLength: 10000 }),
    /** the idea of the project it grew from */
    ideaId: Type.Optional(Nullable(Uuid)),
    /** when voting ends (in the future) */
    closesAt: Timestamp,
  },
  { additionalProperties: false },
);

export const StanceSave = Type.Object(
  {
    stance: literals(codesignStances),
    /** why, in one's own words (optional) */
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    onBehalf: OnBehalfBody,
  },
  { additionalProperties: false },
);

export const StanceWithdraw = Type.Object({ onBehalf: OnBehalfBody }, { additionalProperties: false });

export const OutcomeSave = Type.Object(
  {
    outcome: literals(codesignOutcomes),
    /** what was decided (or why not), in plain words */
    statement: Type.String({ minLength: 1, maxLength: 5000 }),
    /** the day the group looks again at whether it worked (today or later) */
    reviewOn: Nullable(Day),
  },
  { additionalProperties: false },
);

export const ReviewSave = Type.Object(
  { note: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);

export const ToolParams = Type.Object({ toolId: Uuid }, { additionalProperties: false });

export const ProposalListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const StanceListQuery = Type.Object(
  { ...PageQuery, stance: Type.Optional(literals(codesignStances)) },
  { additionalProperties: false },
);

export const Tally = Type.Object({
  agree: Type.Integer(),
  abstain: Type.Integer(),
  disagree: Type.Integer(),
  block: Type.Integer(),
  total: Type.Integer(),
});

export const StanceView = Type.Object({
  participantId: Uuid,
  /** the participant's name (empty: a former participant) */
  name: Type.String(),
  channel: literals(codesignChannels),
  assistedBy: Nullable(Type.String()),
  stance: literals(codesignStances),
  reason: Type.String(),
  updatedAt: Timestamp,
});

export const ProposalView = Type.Object({
  id: Uuid,
  toolId: Uuid,
  title: Type.String(),
  body: Type.String(),
  ideaId: Nullable(Uuid),
  /** when voting ends: the proposal's own time or its tool's, whichever comes first */
  closesAt: Timestamp,
  /** takes stances now */
  open: Type.Boolean(),
  createdAt: Timestamp,
  tally: Tally,
  /** the reader's own stance */
  mine: Nullable(
    Type.Object({ stance: literals(codesignStances), reason: Type.String(), updatedAt: Timestamp }),
  ),
  /** who blocked and why (named to the project's participants and facilitators; otherwise empty) */
  blocks: Type.Array(StanceView),
  /** whether the reader sees who took which stance */
  namesVisible: Type.Boolean(),
  outcome: Nullable(
    Type.Object({
      outcome: literals(codesignOutcomes),
      statement: Type.String(),
      by: Type.String(),
      at: Timestamp,
      reviewOn: Nullable(Day),
      reviewedAt: Nullable(Timestamp),
      reviewNote: Nullable(Type.String()),
    }),
  ),
});

export const ProposalList = Type.Object({
  tool: ToolHeader,
  items: Type.Array(ProposalView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const ProposalAnswer = Type.Object({ tool: ToolHeader, proposal: ProposalView });

export const StanceList = Type.Object({
  items: Type.Array(StanceView),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
