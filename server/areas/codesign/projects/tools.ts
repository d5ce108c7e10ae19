import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import Value from 'typebox/value';
import type { CodesignPhaseKind, CodesignToolKind } from '../../../db/schema.ts';
import { Problem } from '../../../http/problem.ts';
import { Uuid } from '../../../http/schemas.ts';

/**
 * The tools a phase can use — one table (codesign_tool), and per kind only configuration: its
 * settings' schema with their defaults, the phases it suits, and what a contribution to it is called
 * in the contribution log. What a kind does with its contributions lives in its part (ideas/,
 * consensus/, votes/, surveys/, offline/); nothing else branches on the kind.
 */
export interface ToolKindSpec<S extends TSchema = TSchema> {
  config: S;
  /** the phases a new project's templates put it in, and the editor offers first */
  suits: readonly CodesignPhaseKind[];
  /** the `kind` of its entries in codesign_contribution */
  contributions: readonly string[];
}

const spec = <S extends TSchema>(s: ToolKindSpec<S>) => s;

export const toolKinds = {
  /** ideas or proposals, with comments and pro/contra points; duplicates can be merged */
  ideas: spec({
    config: Type.Object(
      {
        /** may participants add ideas, or only comment and weigh the facilitators' ones */
        participantsPropose: Type.Boolean({ default: true }),
        /** pro and contra points under each idea */
        points: Type.Boolean({ default: true }),
      },
      { additionalProperties: false },
    ),
    suits: ['needs', 'goals', 'ideas'],
    contributions: ['idea', 'comment', 'point'],
  }),
  /** proposals decided by agree / abstain / disagree / block, with an outcome and a review date */
  consensus: spec({
    config: Type.Object({}, { additionalProperties: false }),
    suits: ['decide', 'goals'],
    contributions: ['stance'],
  }),
  /** a budget of dots per participant, spread over the options */
  dots: spec({
    config: Type.Object(
      {
        budget: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
        /** at most this many of one person's dots on one option */
        maxPerOption: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
        /** the ideas tool of the same project its options were taken from, if they were */
        sourceToolId: Type.Optional(Uuid),
      },
      { additionalProperties: false },
    ),
    suits: ['ideas', 'decide'],
    contributions: ['dots'],
  }),
  /** each participant orders the options; the tally is a Borda count */
  ranking: spec({
    config: Type.Object(
      {
        /** how many places a person ranks (the rest stay unranked) */
        places: Type.Integer({ minimum: 2, maximum: 10, default: 3 }),
        /** the ideas tool of the same project its options were taken from, if they were */
        sourceToolId: Type.Optional(Uuid),
      },
      { additionalProperties: false },
    ),
    suits: ['decide', 'goals'],
    contributions: ['ranking'],
  }),
  /** questions of the usual types; anonymous (no identifiers kept with the answers) or named */
  survey: spec({
    config: Type.Object(
      {
        anonymous: Type.Boolean({ default: true }),
      },
      { additionalProperties: false },
    ),
    suits: ['needs', 'review'],
    contributions: ['survey'],
  }),
  /** a meeting's record: date, place, who attended by group, decisions — offline work counts */
  meeting: spec({
    config: Type.Object({}, { additionalProperties: false }),
    suits: ['needs', 'goals', 'ideas', 'decide', 'commit', 'implement', 'review'],
    contributions: ['attendance'],
  }),
} as const satisfies Record<CodesignToolKind, ToolKindSpec>;

export type ToolConfig<K extends CodesignToolKind> = Static<(typeof toolKinds)[K]['config']>;

/**
 * A tool's settings as stored: what the request gave, completed with the kind's defaults, checked
 * against the kind's schema (422 naming the field otherwise). Also used to read a stored config, so a
 * setting added later takes its default.
 */
export function toolConfig<K extends CodesignToolKind>(kind: K, given: unknown = {}): ToolConfig<K> {
  const schema = toolKinds[kind].config;
  const value = Value.Default(schema, Value.Clone(given ?? {}));
  if (!Value.Check(schema, value)) {
    const [first] = Value.Errors(schema, value);
    throw new Problem(400, 'validation', {
      fields: [{ field: `/config${first?.instancePath ?? ''}`, code: 'field.invalid' }],
    });
  }
  return value as ToolConfig<K>;
}
