import { Type } from '@fastify/type-provider-typebox';
import { codesignChannels, codesignPhaseKinds, codesignToolKinds } from '../../../db/schema.ts';
import { literals, Timestamp, Uuid } from '../../../http/schemas.ts';
import type { ToolAccess } from './access.ts';
import { toolConfig } from './tools.ts';

/**
 * What every tool's answer starts with (`tool` in the parts' responses): the tool, its phase and
 * project, whether it takes contributions now, and what the reader may do in the project — so each
 * part's page shows the same header and the same rules.
 */
export const ToolHeader = Type.Object({
  id: Uuid,
  kind: literals(codesignToolKinds),
  title: Type.String(),
  description: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  opensAt: Type.Union([Timestamp, Type.Null()]),
  closesAt: Type.Union([Timestamp, Type.Null()]),
  /** takes contributions now (the project active, between opening and closing) */
  open: Type.Boolean(),
  paperCode: Type.String(),
  phase: Type.Object({ id: Uuid, kind: literals(codesignPhaseKinds), title: Type.String() }),
  project: Type.Object({ id: Uuid, title: Type.String(), status: Type.String() }),
  may: Type.Object({
    participate: Type.Boolean(),
    facilitate: Type.Boolean(),
    organise: Type.Boolean(),
  }),
});

export function toolHeader(a: ToolAccess) {
  return {
    id: a.tool.id,
    kind: a.tool.kind,
    title: a.tool.title,
    description: a.tool.description,
    config: toolConfig(a.tool.kind, a.tool.config) as Record<string, unknown>,
    opensAt: a.tool.opens_at?.toISOString() ?? null,
    closesAt: a.tool.closes_at?.toISOString() ?? null,
    open: a.open,
    paperCode: a.tool.paper_code,
    phase: { id: a.tool.phase_id, kind: a.tool.phase_kind, title: a.tool.phase_title },
    project: { id: a.project.id, title: a.project.title, status: a.project.status },
    may: {
      participate: a.may.participate && a.open,
      facilitate: a.may.facilitate,
      organise: a.may.organise,
    },
  };
}

/**
 * The optional `onBehalf` of a contribution's body: a facilitator enters it for a participant who
 * consented, saying how it came in (see contribute.ts).
 */
export const OnBehalfBody = Type.Optional(
  Type.Object(
    {
      participantId: Uuid,
      channel: literals(codesignChannels),
    },
    { additionalProperties: false },
  ),
);

/** How a contribution is shown: by whom, how it came in, and who typed it in for them. */
export const ContributorView = Type.Object({
  /** the participant's name (a person without an account: the name they chose) */
  name: Type.String(),
  channel: literals(codesignChannels),
  /** "mit Unterstützung von …": the staff member who entered it, if one did */
  assistedBy: Type.Union([Type.String(), Type.Null()]),
});
