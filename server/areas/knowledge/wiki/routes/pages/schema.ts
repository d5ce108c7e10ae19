import { Type } from '@fastify/type-provider-typebox';
import { searchVisibilities, wikiAttachmentKinds } from '../../../../../db/schema.ts';
import { literals, PageQuery, ProblemSchema, Timestamp, Uuid } from '../../../../../http/schemas.ts';
import { FreshnessView } from '../../../freshness/state.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const Visibility = literals(searchVisibilities);
const Person = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
const Organisation = Nullable(Type.Object({ id: Type.String(), name: Type.String(), slug: Type.String() }));

const Title = Type.String({ minLength: 2, maxLength: 160 });
const Body = Type.String({ maxLength: 100000 });
const Summary = Type.String({ maxLength: 300 });
const ReviewInterval = Type.Integer({ minimum: 7, maximum: 730 });

export const PageCreate = Type.Object(
  {
    title: Title,
    body: Body,
    summary: Type.Optional(Summary),
    /** the organisation's wiki; null or left out: the network's */
    organisationId: Type.Optional(Nullable(Uuid)),
    visibility: Type.Optional(Visibility),
    /** who keeps it current (default: the creator) */
    ownerId: Type.Optional(Uuid),
    /** days between two "still correct?" checks (default 180) */
    reviewIntervalDays: Type.Optional(ReviewInterval),
  },
  { additionalProperties: false },
);

export const PageSave = Type.Object(
  {
    title: Title,
    body: Body,
    /** what changed, in a few words */
    summary: Type.Optional(Summary),
    /** the revision the edit started from; 409 with both versions when someone saved in between */
    baseRevision: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const PageSettingsSave = Type.Object(
  {
    visibility: Type.Optional(Visibility),
    ownerId: Type.Optional(Uuid),
    reviewIntervalDays: Type.Optional(ReviewInterval),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RestoreSave = Type.Object(
  { revision: Type.Integer({ minimum: 1 }), baseRevision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const AttachmentView = Type.Object({
  id: Type.String(),
  kind: literals(wikiAttachmentKinds),
  fileName: Type.String(),
  description: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  sizeBytes: Type.Integer(),
  url: Type.String(),
  thumbUrl: Nullable(Type.String()),
  /** what to write into the page's text to show it (an image) or link it (a document) */
  markdown: Type.String(),
  createdAt: Timestamp,
});

export const PageView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  organisation: Organisation,
  visibility: Visibility,
  revision: Type.Integer(),
  currentRevision: Type.Integer(),
  body: Type.String(),
  /** the text rendered and sanitised by the server: the only HTML the client shows */
  html: Type.String(),
  summary: Type.String(),
  restoredFrom: Nullable(Type.Integer()),
  author: Person,
  revisedAt: Timestamp,
  createdAt: Timestamp,
  archivedAt: Nullable(Timestamp),
  freshness: FreshnessView,
  following: Type.Boolean(),
  /** pages whose text links here (that the person may read) */
  backlinks: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    }),
  ),
  /** `[[links]]` in the text to pages that do not exist yet */
  missingLinks: Type.Array(Type.String()),
  attachments: Type.Array(AttachmentView),
  abilities: Type.Object({ edit: Type.Boolean() }),
});

export const PageListItem = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  organisation: Organisation,
  visibility: Visibility,
  currentRevision: Type.Integer(),
  excerpt: Type.String(),
  author: Person,
  revisedAt: Timestamp,
  archivedAt: Nullable(Timestamp),
  freshness: FreshnessView,
});

export const PageListQuery = Type.Object(
  {
    /** `network` for the network's wiki, or an organisation's id */
    wiki: Type.Optional(Type.Union([Type.Literal('network'), Uuid])),
    stale: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PageList = Type.Object({
  items: Type.Array(PageListItem),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /** the wikis the person may start pages in: null for the network's */
  canCreateIn: Type.Array(Nullable(Type.Object({ id: Type.String(), name: Type.String() }))),
});

export const RevisionSummary = Type.Object({
  revision: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  restoredFrom: Nullable(Type.Integer()),
  author: Person,
  createdAt: Timestamp,
  /** characters of text */
  length: Type.Integer(),
});

export const RevisionList = Type.Object({
  items: Type.Array(RevisionSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  currentRevision: Type.Integer(),
});

export const RevisionParams = Type.Object(
  { id: Uuid, revision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

const Op = Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]);

export const DiffView = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  title: Type.Object({ from: Type.String(), to: Type.String() }),
  /** the text word by word: unchanged, inserted and deleted runs, in order */
  parts: Type.Array(Type.Object({ op: Op, text: Type.String() })),
  inserted: Type.Integer(),
  deleted: Type.Integer(),
});

const ConflictRevision = Type.Object({
  revision: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  summary: Type.String(),
  author: Person,
  createdAt: Timestamp,
});

/** A save against an older revision: the problem, the current revision and what was sent. */
export const ConflictView = Type.Object({
  ...ProblemSchema.properties,
  current: ConflictRevision,
  yours: Type.Object({
    baseRevision: Type.Integer(),
    title: Type.String(),
    body: Type.String(),
    summary: Type.String(),
  }),
});
