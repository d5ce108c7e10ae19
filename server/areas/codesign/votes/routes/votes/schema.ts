import { Type } from '@fastify/type-provider-typebox';
import { codesignStakes } from '../../../../../db/schema.ts';
import { literals, Uuid } from '../../../../../http/schemas.ts';
import { OnBehalfBody, ToolHeader } from '../../../projects/present.ts';

const Title = Type.String({ minLength: 2, maxLength: 120 });
const Description = Type.String({ maxLength: 500 });

export const OptionSave = Type.Object(
  { title: Title, description: Type.Optional(Description) },
  { additionalProperties: false },
);

/** Ideas taken over from an ideas tool of the project (the ideas part's ideaOptions() gives them). */
/** Take the project's ideas over as options: the ones marked for the decide phase, or all of them. */
export const OptionsImport = Type.Object(
  { selectedOnly: Type.Boolean({ default: true }) },
  { additionalProperties: false },
);

const Count = Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 1 }));

/** Place dots on an option, take them away, or move them to another option. */
export const DotsChange = Type.Union([
  Type.Object(
    { change: Type.Literal('place'), optionId: Uuid, count: Count, onBehalf: OnBehalfBody },
    { additionalProperties: false },
  ),
  Type.Object(
    { change: Type.Literal('remove'), optionId: Uuid, count: Count, onBehalf: OnBehalfBody },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      change: Type.Literal('move'),
      fromOptionId: Uuid,
      toOptionId: Uuid,
      count: Count,
      onBehalf: OnBehalfBody,
    },
    { additionalProperties: false },
  ),
]);

export const RankingSave = Type.Object(
  {
    /** first place first; empty takes the ranking back */
    optionIds: Type.Array(Uuid, { maxItems: 10 }),
    onBehalf: OnBehalfBody,
  },
  { additionalProperties: false },
);

export const VoteQuery = Type.Object(
  {
    /** a facilitator looks at this participant's votes, to enter theirs */
    participantId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const OptionView = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  sourceIdeaId: Type.Union([Uuid, Type.Null()]),
  /** dots on it, or its Borda points */
  total: Type.Integer(),
  /** people who put a dot on it, or ranked it */
  people: Type.Integer(),
  /** ranking only: how often it came first */
  firsts: Type.Union([Type.Integer(), Type.Null()]),
});

const Cell = Type.Object({
  optionId: Uuid,
  /** null when fewer than five people stand behind the cell (small-cell rule) */
  people: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Union([Type.Integer(), Type.Null()]),
  suppressed: Type.Boolean(),
});

export const VoteView = Type.Object({
  tool: ToolHeader,
  options: Type.Array(OptionView),
  /** people who voted at all */
  voters: Type.Integer(),
  /** whose votes `dots` / `ranking` are: the reader's, or (for a facilitator) the participant asked for */
  participantId: Type.Union([Uuid, Type.Null()]),
  dots: Type.Union([
    Type.Object({
      budget: Type.Integer(),
      maxPerOption: Type.Integer(),
      used: Type.Integer(),
      mine: Type.Array(Type.Object({ optionId: Uuid, count: Type.Integer() })),
    }),
    Type.Null(),
  ]),
  ranking: Type.Union([Type.Object({ places: Type.Integer(), mine: Type.Array(Uuid) }), Type.Null()]),
  /** the result by the group people said they belong to (null: not stated) */
  byGroup: Type.Array(
    Type.Object({ group: Type.Union([literals(codesignStakes), Type.Null()]), cells: Type.Array(Cell) }),
  ),
});

export const OptionIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ToolIdParams = Type.Object({ toolId: Uuid }, { additionalProperties: false });
