import { Type } from '@fastify/type-provider-typebox';
import {
  circleRoles,
  circleVisibilities,
  consentScopes,
  mapSectors,
  needKinds,
  supportKinds,
  tieQualities,
} from '../../../../db/schema.ts';
import { LocaleSchema, PlainLanguageSchema } from '../../../../http/language.ts';
import { Email, literals, PageQuery, Timestamp, Uuid } from '../../../../http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const CircleRoleSchema = literals(circleRoles);
export const VisibilitySchema = literals(circleVisibilities);
export const ScopeSchema = literals(consentScopes);
export const NeedKindSchema = literals(needKinds);
export const SectorSchema = literals(mapSectors);
export const QualitySchema = literals(tieQualities);
export const SupportSchema = literals(supportKinds);
export const InvitableRoleSchema = Type.Union([
  Type.Literal('person'),
  Type.Literal('representative'),
  Type.Literal('coordinator'),
  Type.Literal('helper'),
  Type.Literal('relative'),
  Type.Literal('professional'),
  Type.Literal('viewer'),
]);
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

// circle and consent

export const ConsentInputSchema = Type.Object(
  {
    givenBy: Type.Union([Type.Literal('person'), Type.Literal('legal_guardian')]),
    guardianName: Type.Optional(Text(120, 1)),
    method: Type.Union([Type.Literal('in_person'), Type.Literal('written'), Type.Literal('digital')]),
    scope: Type.Array(ScopeSchema, { uniqueItems: true, maxItems: 4 }),
    givenAt: Type.Optional(Timestamp),
    note: Type.Optional(Text(2000)),
    organisationId: Type.Optional(Uuid),
    legalBasis: Type.Optional(Text(1000, 1)),
  },
  { additionalProperties: false },
);

export const CircleCreate = Type.Object(
  {
    /** Without `onBehalf` the signed-in person opens a circle around themselves. */
    personLabel: Type.Optional(Text(80, 1)),
    onBehalf: Type.Optional(
      Type.Object(
        {
          organisationId: Uuid,
          person: Type.Object(
            {
              label: Text(80, 1),
              email: Type.Optional(Email),
              accountId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
          /**
           * The account of the person's legal representative, who owns the circle with (or for) them —
           * never the one who opens it. Without it and without `person.accountId` nobody owns the
           * circle yet: it is prepared until the person or a representative accepts an invitation.
           */
          proxyAccountId: Type.Optional(Uuid),
          consent: ConsentInputSchema,
        },
        { additionalProperties: false },
      ),
    ),
    alertHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 336 })),
  },
  { additionalProperties: false },
);

export const CircleUpdate = Type.Object(
  {
    personLabel: Type.Optional(Text(80, 1)),
    personEmail: Type.Optional(Nullable(Email)),
    alertHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 336 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Settings = Type.Object({
  notifyNeeds: Type.Boolean(),
  notifyUpdates: Type.Boolean(),
  notifyReminders: Type.Boolean(),
  notifyEmail: Type.Boolean(),
  reminderHours: Type.Integer(),
});
export const SettingsUpdate = Type.Object(
  {
    notifyNeeds: Type.Optional(Type.Boolean()),
    notifyUpdates: Type.Optional(Type.Boolean()),
    notifyReminders: Type.Optional(Type.Boolean()),
    notifyEmail: Type.Optional(Type.Boolean()),
    reminderHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Abilities = Type.Object({
  update: Type.Boolean(),
  viewConsents: Type.Boolean(),
  grantConsent: Type.Boolean(),
  withdrawConsent: Type.Boolean(),
  invite: Type.Boolean(),
  /** inviting the person at the centre or their representative to own the circle */
  inviteOwner: Type.Boolean(),
  changeRole: Type.Boolean(),
  viewNeeds: Type.Boolean(),
  manageNeeds: Type.Boolean(),
  claim: Type.Boolean(),
  viewLoad: Type.Boolean(),
  feed: Type.Boolean(),
  viewMap: Type.Boolean(),
  editMap: Type.Boolean(),
  viewUpdates: Type.Boolean(),
  post: Type.Boolean(),
  viewTeam: Type.Boolean(),
  editTeam: Type.Boolean(),
  viewAccessLog: Type.Boolean(),
  export: Type.Boolean(),
  requestDeletion: Type.Boolean(),
});

/** Nobody owns the circle yet: the professional who opened it prepares it until the person takes it over. */
const AwaitingOwner = Type.Boolean({
  description: 'true while nobody owns the circle: it is being prepared for the person at the centre',
});

export const CircleView = Type.Object({
  id: Type.String(),
  personLabel: Type.String(),
  personEmail: Type.Optional(Nullable(Type.String())),
  personHasAccount: Type.Boolean(),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  status: Type.Union([Type.Literal('active'), Type.Literal('frozen'), Type.Literal('deletion_requested')]),
  purgeAfter: Nullable(Timestamp),
  /** How long a circle stays (frozen, its deletion cancellable) after deletion is requested, before it is erased. */
  deletionGraceDays: Type.Integer({ minimum: 1 }),
  consentScope: Type.Array(ScopeSchema),
  alertHours: Type.Integer(),
  myRole: CircleRoleSchema,
  awaitingOwner: AwaitingOwner,
  mySettings: Settings,
  createdAt: Timestamp,
  abilities: Abilities,
});

export const CircleListItem = Type.Object({
  id: Type.String(),
  personLabel: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('frozen'), Type.Literal('deletion_requested')]),
  myRole: CircleRoleSchema,
  awaitingOwner: AwaitingOwner,
  unclaimedThisWeek: Type.Integer(),
  createdAt: Timestamp,
});

export const ConsentRecordCreate = Type.Object(
  {
    kind: Type.Union([Type.Literal('granted'), Type.Literal('withdrawn')]),
    ...ConsentInputSchema.properties,
  },
  { additionalProperties: false },
);

export const ConsentView = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  kind: Type.Union([Type.Literal('granted'), Type.Literal('withdrawn')]),
  givenBy: Type.Union([Type.Literal('person'), Type.Literal('legal_guardian')]),
  guardianName: Nullable(Type.String()),
  method: Type.Union([Type.Literal('in_person'), Type.Literal('written'), Type.Literal('digital')]),
  scope: Type.Array(ScopeSchema),
  givenAt: Timestamp,
  note: Type.String(),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  legalBasis: Nullable(Type.String()),
  recordedBy: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  createdAt: Timestamp,
});

// members and invitations

export const MemberView = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  email: Type.Optional(Type.String()),
  role: CircleRoleSchema,
  isPerson: Type.Boolean(),
  joinedAt: Timestamp,
  abilities: Type.Object({ remove: Type.Boolean(), changeRole: Type.Boolean() }),
});
export const MemberParams = Type.Object({ id: Uuid, accountId: Uuid }, { additionalProperties: false });
export const RoleChange = Type.Object(
  {
    role: Type.Union([
      Type.Literal('coordinator'),
      Type.Literal('helper'),
      Type.Literal('relative'),
      Type.Literal('professional'),
      Type.Literal('viewer'),
    ]),
  },
  { additionalProperties: false },
);

export const InvitationCreate = Type.Object(
  { role: InvitableRoleSchema, email: Type.Optional(Email) },
  { additionalProperties: false },
);
export const InvitationView = Type.Object({
  id: Type.String(),
  role: InvitableRoleSchema,
  email: Nullable(Type.String()),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  /**
   * Only in the answer that created it, and only for invitations by link — or by email while no mail
   * server is configured (the email then only waits in the outbox): the secret is not stored.
   */
  url: Type.Optional(Type.String()),
  /** true in that same answer when the email was written to the outbox but cannot be sent. */
  mailHeld: Type.Optional(Type.Boolean()),
});
export const InvitationParams = Type.Object(
  { id: Uuid, invitationId: Uuid },
  { additionalProperties: false },
);
const Token = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });
export const InvitationLookup = Type.Object({ token: Token }, { additionalProperties: false });
export const InvitationPreview = Type.Object({
  personLabel: Type.String(),
  inviterName: Nullable(Type.String()),
  role: InvitableRoleSchema,
  email: Nullable(Type.String()),
  needsDetails: Type.Boolean({ description: 'true: send displayName (and email for a link) to join' }),
  expiresAt: Timestamp,
});
export const InvitationAccept = Type.Object(
  {
    token: Token,
    displayName: Type.Optional(Text(80, 1)),
    email: Type.Optional(Email),
    locale: Type.Optional(LocaleSchema),
    plainLanguage: Type.Optional(PlainLanguageSchema),
  },
  { additionalProperties: false },
);
export const InvitationAccepted = Type.Object({ circleId: Type.String(), role: CircleRoleSchema });

// care calendar

export const NeedCreate = Type.Object(
  {
    kind: NeedKindSchema,
    title: Text(120, 1),
    start: Timestamp,
    end: Timestamp,
    place: Type.Optional(Text(300)),
    notes: Type.Optional(Text(2000)),
    visibility: Type.Optional(VisibilitySchema),
    /** Weekly on the same weekday and local time; until a date (YYYY-MM-DD) or open-ended. */
    weekly: Type.Optional(
      Type.Object({ until: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export const NeedUpdate = Type.Object(
  {
    kind: Type.Optional(NeedKindSchema),
    title: Type.Optional(Text(120, 1)),
    start: Type.Optional(Timestamp),
    end: Type.Optional(Timestamp),
    place: Type.Optional(Text(300)),
    notes: Type.Optional(Text(2000)),
    visibility: Type.Optional(VisibilitySchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const NeedParams = Type.Object({ id: Uuid, needId: Uuid }, { additionalProperties: false });
export const NeedListQuery = Type.Object(
  {
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    unclaimed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const NeedDeleteQuery = Type.Object(
  { following: Type.Optional(Type.Boolean({ description: 'also every later need of the same series' })) },
  { additionalProperties: false },
);
export const NeedDone = Type.Object(
  {
    thanks: Type.Optional(Text(1000)),
    /** a time credit for the helper (owners and coordinators); without minutes, the need's duration */
    credit: Type.Optional(
      Type.Object(
        {
          payerAccountId: Type.Optional(Uuid),
          minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const Person = Type.Object({ id: Type.String(), name: Type.String() });
export const NeedView = Type.Object({
  id: Type.String(),
  seriesId: Nullable(Type.String()),
  kind: NeedKindSchema,
  title: Type.String(),
  start: Timestamp,
  end: Timestamp,
  place: Type.String(),
  notes: Type.String(),
  visibility: VisibilitySchema,
  claimedBy: Nullable(Person),
  doneAt: Nullable(Timestamp),
  thanks: Type.String(),
  /** the time credit the helper was given when it was marked done (minutes; reversed by an admin) */
  credit: Nullable(Type.Object({ minutes: Type.Integer(), reversed: Type.Boolean() })),
  abilities: Type.Object({
    claim: Type.Boolean(),
    unclaim: Type.Boolean(),
    done: Type.Boolean(),
    credit: Type.Boolean(),
    edit: Type.Boolean(),
  }),
});
export const LoadView = Type.Object({
  weeks: Type.Integer(),
  total: Type.Integer(),
  helpers: Type.Array(
    Type.Object({
      accountId: Type.String(),
      name: Type.String(),
      count: Type.Integer(),
      share: Type.Number(),
    }),
  ),
  warning: Nullable(Type.Object({ accountId: Type.String(), name: Type.String(), share: Type.Number() })),
  unclaimedNextWeek: Type.Integer(),
});
export const FeedView = Type.Object({ url: Type.String() });
export const FeedParams = Type.Object(
  { file: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}\\.ics$' }) },
  { additionalProperties: false },
);

// network map

export const EntryCreate = Type.Object(
  {
    sector: SectorSchema,
    ring: Type.Integer({ minimum: 1, maximum: 3 }),
    label: Text(80, 1),
    showLabel: Type.Optional(Type.Boolean()),
    accountId: Type.Optional(Nullable(Uuid)),
    quality: Type.Optional(QualitySchema),
    support: Type.Optional(Type.Array(SupportSchema, { uniqueItems: true, maxItems: 5 })),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export const EntryUpdate = Type.Partial(EntryCreate, { additionalProperties: false, minProperties: 1 });
export const EntryParams = Type.Object({ id: Uuid, entryId: Uuid }, { additionalProperties: false });
export const TieCreate = Type.Object(
  {
    a: Uuid,
    b: Uuid,
    quality: Type.Optional(QualitySchema),
    support: Type.Optional(Type.Array(SupportSchema, { uniqueItems: true, maxItems: 5 })),
  },
  { additionalProperties: false },
);
export const TieUpdate = Type.Object(
  {
    quality: Type.Optional(QualitySchema),
    support: Type.Optional(Type.Array(SupportSchema, { uniqueItems: true, maxItems: 5 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const TieParams = Type.Object({ id: Uuid, tieId: Uuid }, { additionalProperties: false });
export const EntryView = Type.Object({
  id: Type.String(),
  sector: SectorSchema,
  ring: Type.Integer(),
  /** initials unless the label may be shown or the entry is linked to an account */
  displayLabel: Type.String(),
  label: Type.Optional(Type.String()),
  showLabel: Type.Boolean(),
  accountId: Nullable(Type.String()),
  quality: QualitySchema,
  support: Type.Array(SupportSchema),
  note: Type.String(),
});
export const TieView = Type.Object({
  id: Type.String(),
  a: Type.String(),
  b: Type.String(),
  quality: QualitySchema,
  support: Type.Array(SupportSchema),
});
export const Figures = Type.Object({
  size: Type.Integer(),
  perSector: Type.Object({
    family: Type.Integer(),
    friends_neighbours: Type.Integer(),
    work_school_clubs: Type.Integer(),
    professional: Type.Integer(),
  }),
  perRing: Type.Object({ '1': Type.Integer(), '2': Type.Integer(), '3': Type.Integer() }),
  professionalShare: Type.Number(),
  supportiveTies: Type.Integer(),
  conflictTies: Type.Integer(),
});
export const MapView = Type.Object({
  personLabel: Type.String(),
  entries: Type.Array(EntryView),
  ties: Type.Array(TieView),
  figures: Figures,
  abilities: Type.Object({ edit: Type.Boolean() }),
});
export const SnapshotCreate = Type.Object(
  { title: Type.Optional(Text(120)) },
  { additionalProperties: false },
);
export const SnapshotParams = Type.Object({ id: Uuid, snapshotId: Uuid }, { additionalProperties: false });
export const SnapshotSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  takenAt: Timestamp,
  figures: Figures,
});
export const SnapshotView = Type.Object({
  ...SnapshotSummary.properties,
  entries: Type.Array(EntryView),
  ties: Type.Array(TieView),
});
export const CompareQuery = Type.Object(
  {
    from: Uuid,
    to: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export const CompareView = Type.Object({
  from: Type.Object({ id: Type.String(), takenAt: Timestamp, figures: Figures }),
  to: Type.Object({ id: Nullable(Type.String()), takenAt: Timestamp, figures: Figures }),
  added: Type.Array(EntryView),
  removed: Type.Array(EntryView),
  changed: Type.Array(
    Type.Object({ before: EntryView, after: EntryView, fields: Type.Array(Type.String()) }),
  ),
});

// updates

export const UpdateCreate = Type.Object(
  { body: Text(5000, 1), visibility: VisibilitySchema },
  { additionalProperties: false },
);
export const CommentCreate = Type.Object(
  { body: Text(2000, 1), visibility: Type.Optional(VisibilitySchema) },
  { additionalProperties: false },
);
export const UpdateParams = Type.Object({ id: Uuid, updateId: Uuid }, { additionalProperties: false });
export const CommentParams = Type.Object(
  { id: Uuid, updateId: Uuid, commentId: Uuid },
  { additionalProperties: false },
);
export const CommentView = Type.Object({
  id: Type.String(),
  author: Person,
  body: Type.String(),
  visibility: VisibilitySchema,
  createdAt: Timestamp,
  abilities: Type.Object({ delete: Type.Boolean() }),
});
export const AttachmentParams = Type.Object(
  { id: Uuid, updateId: Uuid, attachmentId: Uuid },
  { additionalProperties: false },
);
export const AttachmentQuery = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')])) },
  { additionalProperties: false },
);
export const AttachmentView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('pdf')]),
  /** The cleaned file name it is saved under (an image's extension is .webp: that is what is stored). */
  name: Type.String(),
  /** What the image shows, for people who cannot see it; empty for a PDF. */
  alt: Type.String(),
  /** Bytes as stored (after re-encoding, for images). */
  size: Type.Integer(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  url: Type.String(),
  /** A small version of an image (fits 400 px); null for a PDF. */
  thumbUrl: Nullable(Type.String()),
  abilities: Type.Object({ delete: Type.Boolean() }),
});
export const UpdateView = Type.Object({
  id: Type.String(),
  author: Person,
  body: Type.String(),
  visibility: VisibilitySchema,
  createdAt: Timestamp,
  comments: Type.Array(CommentView),
  attachments: Type.Array(AttachmentView),
  abilities: Type.Object({ delete: Type.Boolean(), comment: Type.Boolean() }),
});
export const UpdatesQuery = Type.Object(PageQuery, { additionalProperties: false });

// team

export const TeamCreate = Type.Object(
  {
    name: Text(120, 1),
    organisationName: Type.Optional(Text(120)),
    organisationId: Type.Optional(Nullable(Uuid)),
    roleTitle: Type.Optional(Text(120)),
    contact: Type.Optional(Text(300)),
    accountId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export const TeamUpdate = Type.Partial(TeamCreate, { additionalProperties: false, minProperties: 1 });
export const TeamParams = Type.Object({ id: Uuid, teamMemberId: Uuid }, { additionalProperties: false });
export const TeamView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  organisationName: Type.String(),
  organisationId: Nullable(Type.String()),
  roleTitle: Type.String(),
  contact: Type.String(),
  accountId: Nullable(Type.String()),
});

// audit, export, deletion

export const AccessLogQuery = Type.Object(PageQuery, { additionalProperties: false });
export const AccessLogEntry = Type.Object({
  /** Stable across pages, so a client can key its rows. */
  id: Type.String(),
  /** The entry's time; for a visit of several reads, the last one */
  at: Timestamp,
  /** For a visit, its first read; otherwise equal to `at` */
  firstAt: Timestamp,
  /** Reads in the visit; 1 for every other entry */
  count: Type.Integer({ minimum: 1 }),
  action: Type.String(),
  actor: Nullable(Person),
  what: Type.String(),
});
export const DeletionView = Type.Object({
  status: Type.Literal('deletion_requested'),
  purgeAfter: Timestamp,
});
export const CircleRoleList = Type.Array(CircleRoleSchema);
