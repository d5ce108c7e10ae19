import { Type } from '@fastify/type-provider-typebox';
import { codesignDimensions, codesignOutcomeStatuses, codesignStakes } from '../../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../../http/schemas.ts';

const LocalDate = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const ReachRowView = Type.Object({
  value: Nullable(Type.String()),
  label: Nullable(Type.String()),
  affected: Type.Boolean(),
  expectedShare: Nullable(Type.Number()),
  tookPart: Nullable(Type.Integer()),
  share: Nullable(Type.Number()),
  suppressed: Type.Boolean(),
  warning: Nullable(literals(['missing', 'few', 'under_third'] as const)),
});

export const ReachView = Type.Object({
  tookPart: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
  dimensions: Type.Array(
    Type.Object({ dimension: literals(codesignDimensions), rows: Type.Array(ReachRowView) }),
  ),
  /** people per group below which nothing is shown */
  minPeoplePerCell: Type.Integer(),
});

const AffectedGroup = Type.Object(
  {
    dimension: literals(codesignDimensions),
    /** a district's id, an age band, a stake, or a language code (ISO 639-1, e.g. "tr") */
    value: Type.String({ minLength: 1, maxLength: 60 }),
    /** the share of the people taking part the project expects of this group, 0.01–1; null: none */
    expectedShare: Nullable(Type.Number({ minimum: 0.01, maximum: 1 })),
  },
  { additionalProperties: false },
);

export const AffectedSave = Type.Object(
  { groups: Type.Array(AffectedGroup, { maxItems: 40 }) },
  { additionalProperties: false },
);
export const AffectedView = Type.Object({
  groups: Type.Array(AffectedGroup),
  may: Type.Object({ organise: Type.Boolean() }),
});

const OutcomeFields = {
  status: literals(codesignOutcomeStatuses),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  statement: Type.String({ maxLength: 5000 }),
  /** when the group looks back at it; a reminder goes out that day */
  reviewOn: Nullable(LocalDate),
};

export const OutcomeSave = Type.Object(
  {
    ...OutcomeFields,
    /** the outcome's updatedAt when the edit began (null: there was none); 409 when someone saved in between */
    basedOn: Nullable(Timestamp),
  },
  { additionalProperties: false },
);

export const OutcomeView = Type.Object({
  outcome: Nullable(
    Type.Object({
      ...OutcomeFields,
      updatedAt: Timestamp,
      updatedBy: Nullable(Type.String()),
      reviewDue: Type.Boolean(),
    }),
  ),
  project: Type.Object({ id: Uuid, title: Type.String() }),
  may: Type.Object({ organise: Type.Boolean(), facilitate: Type.Boolean() }),
});

export const OutcomeUpdateView = Type.Object({
  id: Uuid,
  ...OutcomeFields,
  author: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const ReviewCreate = Type.Object(
  {
    heldOn: LocalDate,
    worked: Type.String({ minLength: 1, maxLength: 5000 }),
    didNotWork: Type.String({ maxLength: 5000 }),
    nextSteps: Type.String({ maxLength: 5000 }),
    judgedBy: Type.String({ minLength: 2, maxLength: 300 }),
    judgedStakes: Type.Array(literals(codesignStakes), { maxItems: 6, uniqueItems: true }),
    /** the next time to look back, if any */
    nextReviewOn: Type.Optional(Nullable(LocalDate)),
  },
  { additionalProperties: false },
);

export const ReviewView = Type.Object({
  id: Uuid,
  heldOn: LocalDate,
  worked: Type.String(),
  didNotWork: Type.String(),
  nextSteps: Type.String(),
  judgedBy: Type.String(),
  judgedStakes: Type.Array(literals(codesignStakes)),
  author: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const ToolMethodsView = Type.Object({
  tools: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      kind: Type.String(),
      phaseTitle: Type.String(),
      method: Nullable(Type.Object({ id: Uuid, title: Type.String() })),
    }),
  ),
  may: Type.Object({ organise: Type.Boolean() }),
});

export const MethodSave = Type.Object({ pageId: Nullable(Uuid) }, { additionalProperties: false });

export const MethodParams = Type.Object({ pageId: Uuid }, { additionalProperties: false });

export const MethodUsageView = Type.Object({
  projects: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      status: Type.String(),
      tools: Type.Array(Type.String()),
      outcome: Nullable(Type.Object({ status: literals(codesignOutcomeStatuses), progress: Type.Integer() })),
      review: Nullable(
        Type.Object({
          heldOn: LocalDate,
          worked: Type.String(),
          didNotWork: Type.String(),
          judgedBy: Type.String(),
        }),
      ),
    }),
  ),
});

export const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
