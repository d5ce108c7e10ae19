import { Type } from '@fastify/type-provider-typebox';
import {
  codesignAgeBands,
  codesignJoinedVia,
  codesignJoinings,
  codesignParticipantRoles,
  codesignParticipantStatuses,
  codesignPhaseKinds,
  codesignProjectStatuses,
  codesignStakes,
  codesignTemplates,
  codesignToolKinds,
  codesignVisibilities,
} from '../../../../db/schema.ts';
import { literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';
import { ToolHeader } from '../present.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);
const DateOnly = Type.String({ format: 'date' });

const ProjectFields = {
  title: Type.String({ minLength: 3, maxLength: 160 }),
  /** one or two plain sentences */
  summary: Type.String({ maxLength: 500 }),
  /** Markdown */
  description: Type.String({ maxLength: 20000 }),
  visibility: literals(codesignVisibilities),
  joining: literals(codesignJoinings),
  districtId: Nullable(Uuid),
};

export const ProjectCreate = Type.Object(
  {
    /** the organisation that leads it (one the person acts for) */
    organisationId: Uuid,
    template: literals(codesignTemplates),
    ...ProjectFields,
  },
  { additionalProperties: false },
);

export const ProjectChange = Type.Object(ProjectFields, { additionalProperties: false });

export const ProjectListQuery = Type.Object(
  {
    status: Type.Optional(literals(codesignProjectStatuses)),
    /** the projects an organisation runs */
    organisationId: Type.Optional(Uuid),
    /** only those I take part in, am invited to or organise */
    mine: Type.Optional(Type.Boolean()),
    /** only those I could join now */
    joinable: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Organisation = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  isLead: Type.Boolean(),
});
const Me = Nullable(
  Type.Object({ role: literals(codesignParticipantRoles), status: literals(codesignParticipantStatuses) }),
);

export const ProjectSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  status: literals(codesignProjectStatuses),
  visibility: literals(codesignVisibilities),
  joining: literals(codesignJoinings),
  template: literals(codesignTemplates),
  organisations: Type.Array(Organisation),
  currentPhase: Nullable(
    Type.Object({
      id: Uuid,
      kind: literals(codesignPhaseKinds),
      title: Type.String(),
      position: Type.Integer(),
    }),
  ),
  phaseCount: Type.Integer(),
  participantCount: Type.Integer(),
  me: Me,
  updatedAt: Timestamp,
});

export const ToolSummary = Type.Object({
  id: Uuid,
  phaseId: Uuid,
  kind: literals(codesignToolKinds),
  title: Type.String(),
  description: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  opensAt: Nullable(Timestamp),
  closesAt: Nullable(Timestamp),
  /** takes contributions now */
  open: Type.Boolean(),
  paperCode: Type.String(),
});

export const PhaseView = Type.Object({
  id: Uuid,
  kind: literals(codesignPhaseKinds),
  position: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  startsOn: Nullable(DateOnly),
  endsOn: Nullable(DateOnly),
  current: Type.Boolean(),
  /** before the current phase */
  done: Type.Boolean(),
  tools: Type.Array(ToolSummary),
});

export const ProjectView = Type.Object({
  ...ProjectSummary.properties,
  description: Type.String(),
  /** the description rendered and sanitised */
  html: Type.String(),
  district: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  /** organisations invited to run it, not yet answered (for its organisers and the invited) */
  invited: Type.Array(Organisation),
  phases: Type.Array(PhaseView),
  counts: Type.Object({ participants: Type.Integer(), contributions: Type.Integer(), tools: Type.Integer() }),
  myParticipation: Nullable(
    Type.Object({
      id: Uuid,
      role: literals(codesignParticipantRoles),
      status: literals(codesignParticipantStatuses),
      districtId: Nullable(Uuid),
      ageBand: Nullable(literals(codesignAgeBands)),
      stake: Nullable(literals(codesignStakes)),
      language: Nullable(Type.String()),
    }),
  ),
  abilities: Type.Object({
    organise: Type.Boolean(),
    facilitate: Type.Boolean(),
    participate: Type.Boolean(),
    join: Type.Boolean(),
    leave: Type.Boolean(),
    /** an organisation this person acts for is invited to run it: they may accept or decline */
    answerInvitation: Nullable(Uuid),
  }),
  createdAt: Timestamp,
  /** the join link's secret, only in the answer that made it (it is stored hashed) */
  joinSecret: Nullable(Type.String()),
});

export const PhaseFields = {
  title: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.String({ maxLength: 5000 }),
  startsOn: Nullable(DateOnly),
  endsOn: Nullable(DateOnly),
};
export const PhaseCreate = Type.Object(
  { kind: literals(codesignPhaseKinds), ...PhaseFields },
  { additionalProperties: false },
);
export const PhaseChange = Type.Object(PhaseFields, { additionalProperties: false });
export const PhaseOrder = Type.Object(
  { phaseIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);
export const CurrentPhase = Type.Object({ phaseId: Uuid }, { additionalProperties: false });

const ToolFields = {
  title: Type.String({ minLength: 3, maxLength: 160 }),
  description: Type.String({ maxLength: 5000 }),
  config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  opensAt: Nullable(Timestamp),
  closesAt: Nullable(Timestamp),
};
export const ToolCreate = Type.Object(
  { kind: literals(codesignToolKinds), ...ToolFields },
  { additionalProperties: false },
);
export const ToolChange = Type.Object(
  { ...ToolFields, phaseId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const PartnerInvite = Type.Object({ organisationId: Uuid }, { additionalProperties: false });
export const ParticipantInvite = Type.Object({ accountId: Uuid }, { additionalProperties: false });
export const RoleChange = Type.Object(
  { role: literals(codesignParticipantRoles) },
  { additionalProperties: false },
);
export const Groups = Type.Object(
  {
    districtId: Nullable(Uuid),
    ageBand: Nullable(literals(codesignAgeBands)),
    stake: Nullable(literals(codesignStakes)),
    language: Nullable(Type.String({ pattern: '^[a-z]{2,3}$' })),
  },
  { additionalProperties: false },
);
export const Secret = Type.Object(
  { secret: Type.String({ minLength: 16, maxLength: 200 }) },
  { additionalProperties: false },
);
export const ToolAnswer = Type.Object({ tool: ToolHeader });
export const Joined = Type.Object({ projectId: Uuid });

export const ParticipantView = Type.Object({
  id: Uuid,
  /** the account's name, or the name a person without an account chose */
  name: Type.String(),
  hasAccount: Type.Boolean(),
  role: literals(codesignParticipantRoles),
  status: literals(codesignParticipantStatuses),
  joinedVia: literals(codesignJoinedVia),
  since: Timestamp,
});

export const TimelineEntry = Type.Object({
  id: Uuid,
  kind: Type.String(),
  actor: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  subject: Nullable(Type.Object({ type: Type.String(), id: Uuid })),
  params: Type.Record(Type.String(), Type.Unknown()),
  at: Timestamp,
});

export const ProjectParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PhaseParams = Type.Object({ id: Uuid, phaseId: Uuid }, { additionalProperties: false });
export const PartnerParams = Type.Object({ id: Uuid, organisationId: Uuid }, { additionalProperties: false });
export const ParticipantParams = Type.Object(
  { id: Uuid, participantId: Uuid },
  { additionalProperties: false },
);
export const PagedQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
