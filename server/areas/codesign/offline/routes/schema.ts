import { Type } from '@fastify/type-provider-typebox';
import {
  codesignAgeBands,
  codesignAttendanceDimensions,
  codesignChannels,
  codesignConsents,
  codesignStakes,
  codesignTallyChannels,
} from '../../../../db/schema.ts';
import { Email, literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';
import { ToolHeader } from '../../projects/present.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

/** The groups a person declared (each optional): where they live, their age band, their stake, their language. */
export const Groups = Type.Object(
  {
    districtId: Type.Optional(Nullable(Uuid)),
    ageBand: Type.Optional(Nullable(literals(codesignAgeBands))),
    stake: Type.Optional(Nullable(literals(codesignStakes))),
    /** a language code (ISO 639, two or three small letters) */
    language: Type.Optional(Nullable(Type.String({ pattern: '^[a-z]{2,3}$' }))),
  },
  { additionalProperties: false },
);

export const AssistedCreate = Type.Object(
  {
    /** a person without an account: the name they chose to be shown under ("Frau M.") */
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    /** or a member of the network, by the e-mail address of their account */
    email: Type.Optional(Email),
    /** how the person agreed that staff enter contributions for them */
    consent: literals(codesignConsents),
    groups: Type.Optional(Groups),
  },
  { additionalProperties: false },
);

export const AssistedListQuery = Type.Object(
  {
    /** only those for whom contributions may be entered now (consent holds, still taking part) */
    usable: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const AssistedView = Type.Object({
  id: Uuid,
  /** their account's name, or the name they chose */
  name: Type.String(),
  hasAccount: Type.Boolean(),
  consent: Nullable(literals(codesignConsents)),
  consentAt: Nullable(Timestamp),
  consentRecordedBy: Nullable(Type.String()),
  /** since when staff may enter nothing more for them */
  consentWithdrawnAt: Nullable(Timestamp),
  status: Type.String(),
  groups: Type.Object({
    districtId: Nullable(Uuid),
    districtName: Nullable(Type.String()),
    ageBand: Nullable(literals(codesignAgeBands)),
    stake: Nullable(literals(codesignStakes)),
    language: Nullable(Type.String()),
  }),
  /** a claim code was handed out and has not expired */
  claimExpiresAt: Nullable(Timestamp),
  claimedAt: Nullable(Timestamp),
  /** contributions staff entered for them */
  assistedContributions: Type.Integer(),
});

export const ClaimCodeView = Type.Object({
  /** shown once: only its SHA-256 is stored */
  code: Type.String(),
  expiresAt: Timestamp,
});

export const ClaimBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 40 }) },
  { additionalProperties: false },
);

export const ClaimedView = Type.Object({ projectId: Uuid, participantId: Uuid, projectTitle: Type.String() });

export const ProjectParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ParticipantParams = Type.Object(
  { id: Uuid, participantId: Uuid },
  { additionalProperties: false },
);
export const ToolParams = Type.Object({ toolId: Uuid }, { additionalProperties: false });

const Statement = Type.String({ minLength: 1, maxLength: 300 });

export const AttendanceCount = Type.Object(
  {
    dimension: literals(codesignAttendanceDimensions),
    /** a district's id, an age band, a stake or a language code */
    value: Type.String({ minLength: 2, maxLength: 40 }),
    people: Type.Integer({ minimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);

export const MeetingSave = Type.Object(
  {
    heldOn: Type.String({ format: 'date' }),
    place: Type.String({ minLength: 2, maxLength: 200 }),
    facilitator: Type.String({ minLength: 2, maxLength: 120 }),
    /** everyone who came */
    people: Type.Integer({ minimum: 0, maximum: 100000 }),
    attendance: Type.Array(AttendanceCount, { maxItems: 200 }),
    /** participants named as present (each counted as attending, entered with channel 'meeting') */
    attendees: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
    notes: Type.String({ maxLength: 10000 }),
    decisions: Type.Array(Statement, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

export const CellView = Type.Object({
  dimension: literals(codesignAttendanceDimensions),
  value: Type.String(),
  /** a district's name */
  label: Nullable(Type.String()),
  /** null when hidden: 1 to 4 people could be singled out */
  people: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
});

export const MeetingRecordView = Type.Object({
  id: Uuid,
  heldOn: Type.String(),
  place: Type.String(),
  facilitator: Type.String(),
  people: Type.Integer(),
  attendance: Type.Array(CellView),
  /** named attendees: shown to facilitators only */
  attendees: Type.Array(
    Type.Object({
      participantId: Uuid,
      name: Type.String(),
      channel: literals(codesignChannels),
      assistedBy: Nullable(Type.String()),
    }),
  ),
  notes: Type.String(),
  decisions: Type.Array(Type.String()),
  recordedBy: Nullable(Type.String()),
  recordedAt: Timestamp,
  updatedAt: Timestamp,
});

export const TallyCountView = Type.Object({
  optionRef: Nullable(Type.String()),
  label: Type.String(),
  count: Type.Integer(),
});

export const TallyView = Type.Object({
  id: Uuid,
  toolId: Uuid,
  toolTitle: Type.String(),
  meetingId: Nullable(Uuid),
  people: Type.Integer(),
  channel: literals(codesignTallyChannels),
  note: Type.String(),
  counts: Type.Array(TallyCountView),
  enteredBy: Nullable(Type.String()),
  enteredAt: Timestamp,
});

export const MeetingView = Type.Object({
  tool: ToolHeader,
  record: Nullable(MeetingRecordView),
  /** totals counted at this meeting (for any of the project's tools) */
  tallies: Type.Array(TallyView),
});

export const TallyCreate = Type.Object(
  {
    /** the meeting tool whose meeting it was counted at */
    meetingToolId: Type.Optional(Nullable(Uuid)),
    people: Type.Integer({ minimum: 0, maximum: 100000 }),
    channel: literals(codesignTallyChannels),
    note: Type.String({ maxLength: 1000 }),
    counts: Type.Array(
      Type.Object(
        {
          /** another part's option id, if the option is one of theirs */
          optionRef: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
          label: Type.String({ minLength: 1, maxLength: 200 }),
          count: Type.Integer({ minimum: 0, maximum: 1000000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

export const TallyList = Type.Object({ tool: ToolHeader, items: Type.Array(TallyView) });

export const KitView = Type.Object({
  tool: ToolHeader,
  /** the tool's address on the web, to print */
  url: Type.String(),
});
