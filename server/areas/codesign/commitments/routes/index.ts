import type { Static } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { commandContext } from '../../../../http/context.ts';
import { paging } from '../../../../http/paging.ts';
import { notFound } from '../../../../http/problem.ts';
import { IdParams, problems } from '../../../../http/schemas.ts';
import { type Actor, actsFor, isSignedIn } from '../../../../policies/actor.ts';
import { findOpportunity, findShift, opportunityPolicy, refOf } from '../../../participation/index.ts';
import { bookingPolicy, bookingRef, findBooking } from '../../../sharing/index.ts';
import { projectFor } from '../../projects/access.ts';
import { projectPolicy } from '../../projects/policies/project.ts';
import { projectFacts } from '../../projects/repositories/access.ts';
import { changeCommitment, createCommitment, moveCommitment } from '../commands/commitments.ts';
import {
  type CommitmentRow,
  findCommitment,
  listCommitments,
  possibleOwners,
  projectsLinkedTo,
} from '../repositories/commitments.ts';
import { bookingOptions, opportunityOptions, resourceOptions } from '../repositories/options.ts';
import {
  CommitmentChange,
  CommitmentCreate,
  CommitmentListQuery,
  CommitmentOptions,
  CommitmentPage,
  CommitmentStatusChange,
  CommitmentView,
  LinkedQuery,
  LinkedView,
  ProjectParams,
} from './schema.ts';

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

function present(c: CommitmentRow, actor: Actor, mayEdit: boolean) {
  const opportunityVisible =
    c.opportunity_id !== null &&
    c.opportunity_status !== null &&
    opportunityPolicy.view(actor, {
      status: c.opportunity_status,
      organisationIds: c.opportunity_organisation_ids,
    });
  const booking =
    c.booking_id &&
    c.booking_status &&
    c.resource_id &&
    c.resource_kind &&
    c.booking_starts_at &&
    c.booking_ends_at
      ? {
          id: c.booking_id,
          status: c.booking_status,
          resourceId: c.resource_id,
          resourceTitle: c.resource_title ?? '',
          resourceKind: c.resource_kind,
          startsAt: iso(c.booking_starts_at),
          endsAt: iso(c.booking_ends_at),
        }
      : null;
  const opportunity =
    opportunityVisible && c.opportunity_id && c.opportunity_status
      ? { id: c.opportunity_id, title: c.opportunity_title ?? '', status: c.opportunity_status }
      : null;
  const linkMissing =
    ((c.kind === 'booking' || c.kind === 'loan') && !booking) ||
    ((c.kind === 'shifts' || c.kind === 'opportunity') && !opportunity) ||
    (c.kind === 'shifts' && c.shifts.length === 0);
  const dueOn =
    c.due_on === null ? null : typeof c.due_on === 'string' ? c.due_on : c.due_on.toISOString().slice(0, 10);
  const open = c.status === 'planned' || c.status === 'in_progress';
  return {
    id: c.id,
    projectId: c.project_id,
    kind: c.kind,
    title: c.title,
    measure: c.measure,
    measureType: c.measure_type,
    measureId: c.measure_id,
    owner: c.owner_account_id
      ? { type: 'person' as const, id: c.owner_account_id, name: c.owner_account_name ?? '' }
      : c.owner_organisation_id
        ? {
            type: 'organisation' as const,
            id: c.owner_organisation_id,
            name: c.owner_organisation_name ?? '',
          }
        : null,
    dueOn,
    overdue: open && dueOn !== null && dueOn < today(),
    status: c.status,
    note: c.note,
    minutes: c.minutes,
    booking,
    opportunity,
    shifts: opportunity
      ? c.shifts.map((s) => ({
          id: s.id,
          startsAt: iso(s.starts_at),
          endsAt: iso(s.ends_at),
          capacity: s.capacity,
          signedUp: s.signed_up,
        }))
      : [],
    transfer: c.transfer_id && c.transfer_status ? { id: c.transfer_id, status: c.transfer_status } : null,
    linkMissing,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
    doneAt: c.done_at ? iso(c.done_at) : null,
    abilities: { edit: mayEdit },
  };
}

/**
 * A project's commitments (Mitgestalten, commit phase): the list grouped by status on the project's
 * page, for everyone who may see the project, with the live status of each linked booking,
 * opportunity, shift and transfer; making, changing and moving them on for its organisers and
 * facilitators; what the form offers to pick; and the way back — which projects a booking, an
 * opportunity or a shift is committed to, for Teilen's and Mitmachen's pages.
 */
export async function commitmentRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;
  const tags = ['codesign'];

  async function view(actor: Actor, id: string) {
    const c = await findCommitment(db, networkId, id);
    if (!c) throw notFound();
    const access = await projectFor(db, networkId, actor, c.project_id, 'view');
    return present(c, actor, access.may.facilitate && access.project.status !== 'closed');
  }

  app.get<{ Params: Static<typeof ProjectParams>; Querystring: Static<typeof CommitmentListQuery> }>(
    '/projects/:projectId/commitments',
    {
      schema: {
        tags,
        summary:
          "A project's commitments: open ones first, by due date; with the live status of what they link",
        params: ProjectParams,
        querystring: CommitmentListQuery,
        response: { 200: CommitmentPage, ...problems },
      },
    },
    async (req) => {
      const access = await projectFor(db, networkId, req.actor, req.params.projectId, 'view');
      const page = paging({ limit: req.query.limit ?? 100, offset: req.query.offset });
      const { items, total } = await listCommitments(db, networkId, access.project.id, {
        ...(req.query.status ? { status: req.query.status } : {}),
        ...page,
      });
      const mayEdit = access.may.facilitate && access.project.status !== 'closed';
      return {
        items: items.map((c) => present(c, req.actor, mayEdit)),
        total,
        ...page,
        project: { id: access.project.id, title: access.project.title, status: access.project.status },
        abilities: { create: mayEdit },
      };
    },
  );

  app.get<{ Params: Static<typeof ProjectParams> }>(
    '/projects/:projectId/commitments/options',
    {
      schema: {
        tags,
        summary:
          "What the commitment form offers the asking organiser: their organisations' bookings, rooms and " +
          'things, opportunities with coming shifts, and who may be responsible',
        params: ProjectParams,
        response: { 200: CommitmentOptions, ...problems },
      },
    },
    async (req) => {
      const access = await projectFor(db, networkId, req.actor, req.params.projectId, 'facilitate');
      const actor = req.actor;
      const accountId = isSignedIn(actor) ? actor.accountId : '';
      const mine = [...actor.roles.keys()].filter((o) => actsFor(actor, o));
      const [bookings, resources, opportunities, owners] = await Promise.all([
        bookingOptions(db, networkId, accountId, mine),
        resourceOptions(db, networkId, [...new Set([...mine, ...access.project.runningOrganisationIds])]),
        opportunityOptions(db, networkId, mine),
        possibleOwners(db, networkId, access.project.id),
      ]);
      return {
        bookings: bookings.map((b) => ({
          id: b.id,
          status: b.status,
          resourceTitle: b.resource_title,
          resourceKind: b.resource_kind,
          startsAt: iso(b.starts_at),
          endsAt: iso(b.ends_at),
        })),
        resources: resources.map((r) => ({
          id: r.id,
          title: r.title,
          kind: r.kind,
          ownerName: r.owner_name,
        })),
        opportunities: opportunities.map((o) => ({
          id: o.id,
          title: o.title,
          status: o.status,
          shifts: o.shifts.map((s) => ({
            id: s.id,
            startsAt: iso(s.starts_at),
            endsAt: iso(s.ends_at),
            capacity: s.capacity,
            signedUp: s.signed_up,
          })),
        })),
        people: owners.people,
        organisations: owners.organisations.map((o) => ({ ...o, mine: actsFor(actor, o.id) })),
      };
    },
  );

  app.post<{ Params: Static<typeof ProjectParams>; Body: Static<typeof CommitmentCreate> }>(
    '/projects/:projectId/commitments',
    {
      schema: {
        tags,
        summary:
          "Make a commitment (organisers and facilitators): a booking or a loan of one's own organisation " +
          '(or ask for one now), shifts or an opportunity it runs, time credits, or a task with a person responsible',
        params: ProjectParams,
        body: CommitmentCreate,
        response: { 201: CommitmentView, ...problems },
      },
    },
    async (req, reply) => {
      const id = await createCommitment(db, commandContext(req, networkId), req.params.projectId, req.body);
      return reply.code(201).send(await view(req.actor, id));
    },
  );

  app.get<{ Querystring: Static<typeof LinkedQuery> }>(
    '/commitments/linked',
    {
      schema: {
        tags,
        summary:
          'The projects a booking, an opportunity or a shift is committed to — those the asker may see, ' +
          'and only when they may see the thing itself (404 otherwise)',
        querystring: LinkedQuery,
        response: { 200: LinkedView, ...problems },
      },
    },
    async (req) => {
      const { type, id } = req.query;
      const actor = req.actor;
      if (type === 'booking') {
        const b = await findBooking(db, networkId, id);
        if (!b || !bookingPolicy.view(actor, bookingRef(b))) throw notFound();
      } else {
        const opportunityId = type === 'shift' ? (await findShift(db, networkId, id))?.opportunity_id : id;
        const o = opportunityId ? await findOpportunity(db, networkId, opportunityId) : undefined;
        if (!o || !opportunityPolicy.view(actor, refOf(o))) throw notFound();
      }
      const rows = await projectsLinkedTo(db, networkId, type, id);
      const visible = new Map<string, boolean>();
      const items = [];
      for (const r of rows) {
        if (!visible.has(r.project_id)) {
          const facts = await projectFacts(db, networkId, r.project_id, actor.accountId);
          visible.set(r.project_id, !!facts && projectPolicy.view(actor, facts));
        }
        if (visible.get(r.project_id))
          items.push({
            project: { id: r.project_id, title: r.project_title },
            commitment: { id: r.id, title: r.title, status: r.status },
          });
      }
      return { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/commitments/:id',
    {
      schema: {
        tags,
        summary: 'A commitment (404 when its project is not visible)',
        params: IdParams,
        response: { 200: CommitmentView, ...problems },
      },
    },
    async (req) => view(req.actor, req.params.id),
  );

  app.put<{ Params: { id: string }; Body: Static<typeof CommitmentChange> }>(
    '/commitments/:id',
    {
      schema: {
        tags,
        summary: 'Change a commitment (organisers and facilitators); its kind stays, links it has stay valid',
        params: IdParams,
        body: CommitmentChange,
        response: { 200: CommitmentView, ...problems },
      },
    },
    async (req) => {
      const { baseUpdatedAt, ...input } = req.body;
      const existing = await findCommitment(db, networkId, req.params.id);
      if (!existing) throw notFound();
      await changeCommitment(
        db,
        commandContext(req, networkId),
        req.params.id,
        { ...input, kind: existing.kind },
        baseUpdatedAt ? new Date(baseUpdatedAt) : null,
      );
      return view(req.actor, req.params.id);
    },
  );

  app.post<{ Params: { id: string }; Body: Static<typeof CommitmentStatusChange> }>(
    '/commitments/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a commitment on: planned, in progress, done or dropped (organisers and facilitators)',
        params: IdParams,
        body: CommitmentStatusChange,
        response: { 200: CommitmentView, ...problems },
      },
    },
    async (req) => {
      await moveCommitment(db, commandContext(req, networkId), req.params.id, req.body.status);
      return view(req.actor, req.params.id);
    },
  );
}
