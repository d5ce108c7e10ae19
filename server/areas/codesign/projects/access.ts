import type { CodesignToolKind } from '../../../db/schema.ts';
import type { Executor } from '../../../db/tx.ts';
import { notFound, Problem } from '../../../http/problem.ts';
import type { Actor } from '../../../policies/actor.ts';
import { isSignedIn } from '../../../policies/actor.ts';
import { projectPolicy } from './policies/project.ts';
import { type ProjectAccessFacts, projectFacts, type ToolRow, toolWithFacts } from './repositories/access.ts';

/**
 * The one door into a project for every part of Mitgestalten: what the reader may not see does not
 * exist (404); what they see but may not do is a 403 (or a 401 when not signed in), with a reason a
 * person can act on where there is one.
 */
export type Need = 'view' | 'participate' | 'facilitate' | 'organise';

export interface ProjectAccess {
  project: ProjectAccessFacts;
  may: Record<Need, boolean>;
}

function mayOf(actor: Actor, project: ProjectAccessFacts): Record<Need, boolean> {
  return {
    view: projectPolicy.view(actor, project),
    participate: projectPolicy.participate(actor, project),
    facilitate: projectPolicy.facilitate(actor, project),
    organise: projectPolicy.organise(actor, project),
  };
}

function refuse(actor: Actor, project: ProjectAccessFacts, need: Need): never {
  if (!isSignedIn(actor)) throw new Problem(401, 'unauthenticated');
  if (need === 'participate') {
    if (project.status !== 'active') throw new Problem(409, 'codesign.project_not_active');
    throw new Problem(403, 'codesign.not_participant');
  }
  throw new Problem(403, 'forbidden');
}

/** The project if the actor may do `need` in it; otherwise 404 (cannot see it) or 401/403/409. */
export async function projectFor(
  db: Executor,
  networkId: string,
  actor: Actor,
  projectId: string,
  need: Need = 'view',
): Promise<ProjectAccess> {
  return mayEnter(actor, await projectFacts(db, networkId, projectId, actor.accountId), need);
}

/** The door's rule over a project's facts: 404 when it cannot be seen, 401/403/409 when `need` is not met. */
function mayEnter(actor: Actor, project: ProjectAccessFacts | undefined, need: Need): ProjectAccess {
  if (!project) throw notFound();
  const may = mayOf(actor, project);
  if (!may.view) throw notFound();
  if (!may[need]) refuse(actor, project, need);
  return { project, may };
}

export interface ToolAccess extends ProjectAccess {
  tool: ToolRow;
  /** whether it takes contributions now: the project is active and the tool between its opening and closing */
  open: boolean;
}

/** Whether a tool takes contributions at `now`. */
export const toolIsOpen = (
  project: { status: string },
  tool: { opens_at: Date | null; closes_at: Date | null },
  now = new Date(),
) =>
  project.status === 'active' &&
  (tool.opens_at === null || tool.opens_at <= now) &&
  (tool.closes_at === null || now < tool.closes_at);

/**
 * A tool, through its project's door (404 when the project is not visible), of the kind the route
 * serves (404 otherwise: a consensus route does not know a survey). With `need: 'participate'` it
 * must also be open (409 with the reason otherwise); facilitators entering for others pass
 * `need: 'facilitate'` and the part checks `open` as it sees fit.
 */
export async function toolFor(
  db: Executor,
  networkId: string,
  actor: Actor,
  toolId: string,
  kinds: readonly CodesignToolKind[],
  need: Need = 'view',
): Promise<ToolAccess> {
  return toolDoor(actor, await toolWithFacts(db, networkId, toolId, actor.accountId), kinds, need);
}

/**
 * toolFor's rule over a tool and its project's facts that the part read itself, joined to its own
 * rows (toolFactsQuery), to spare a round trip: the same answers, 404/401/403/409 alike.
 */
export function toolDoor(
  actor: Actor,
  found: { tool: ToolRow; project: ProjectAccessFacts } | undefined,
  kinds: readonly CodesignToolKind[],
  need: Need = 'view',
): ToolAccess {
  if (!found || !kinds.includes(found.tool.kind)) throw notFound();
  const { tool } = found;
  const access = mayEnter(actor, found.project, need === 'participate' ? 'view' : need);
  const open = toolIsOpen(access.project, tool);
  if (need === 'participate') {
    if (access.project.status === 'active' && !open) throw new Problem(409, 'codesign.tool_not_open');
    if (!access.may.participate) refuse(actor, access.project, 'participate');
  }
  return { ...access, tool, open };
}
