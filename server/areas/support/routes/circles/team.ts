import { type Static, Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { executeTx } from '../../../../db/tx.ts';
import { notFound, Problem } from '../../../../http/problem.ts';
import { NoContent, problems } from '../../../../http/schemas.ts';
import { findOrganisation } from '../../../../repositories/organisations.ts';
import { circlePolicy } from '../../policies/circle.ts';
import {
  deleteTeamMember,
  insertTeamMember,
  listTeam,
  type TeamFields,
  updateTeamMember,
} from '../../repositories/circles-updates.ts';
import { CircleParams, loadCircle, loadForChange, tags } from './access.ts';
import { checkAccount } from './helpers.ts';
import { TeamCreate, TeamParams, TeamUpdate, TeamView } from './schema.ts';

type TeamRow = Awaited<ReturnType<typeof listTeam>>[number];
const present = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  organisationName: t.organisation_name,
  organisationId: t.organisation_id,
  roleTitle: t.role_title,
  contact: t.contact,
  accountId: t.account_id,
});

/** The team around the person: professionals from any organisation, for coordinators and professionals. */
export async function teamRoutes(app: FastifyInstance) {
  const { db } = app.deps.db;
  const networkId = app.deps.network.id;

  async function check(tx: Parameters<typeof findOrganisation>[0], f: TeamFields) {
    await checkAccount(tx, networkId, f.accountId);
    if (f.organisationId) {
      const org = await findOrganisation(tx, networkId, f.organisationId);
      if (!org)
        throw new Problem(422, 'validation', {
          fields: [{ field: '/organisationId', code: 'circle.unknown_organisation' }],
        });
      if (f.organisationName === undefined) return { ...f, organisationName: org.name };
    }
    return f;
  }

  app.get<{ Params: Static<typeof CircleParams> }>(
    '/:id/team',
    {
      schema: {
        tags,
        summary: 'Who else is involved professionally, and how to reach them',
        params: CircleParams,
        response: { 200: Type.Object({ items: Type.Array(TeamView) }), ...problems },
      },
    },
    async (req) => {
      const rows = await executeTx(db, async (tx) => {
        await loadCircle(app, req, tx, req.params.id, circlePolicy.viewTeam);
        return listTeam(tx, networkId, req.params.id);
      });
      return { items: rows.map(present) };
    },
  );

  app.post<{ Params: Static<typeof CircleParams>; Body: Static<typeof TeamCreate> }>(
    '/:id/team',
    {
      schema: {
        tags,
        summary: 'Add a professional to the team',
        params: CircleParams,
        body: TeamCreate,
        response: { 201: TeamView, ...problems },
      },
    },
    async (req, reply) => {
      const row = await executeTx(db, async (tx) => {
        const l = await loadForChange(
          app,
          req,
          tx,
          req.params.id,
          circlePolicy.viewTeam,
          circlePolicy.editTeam,
        );
        const f = await check(tx, req.body);
        return insertTeamMember(tx, networkId, req.params.id, l.accountId, { ...f, name: req.body.name });
      });
      return reply.code(201).send(present(row));
    },
  );

  app.patch<{ Params: Static<typeof TeamParams>; Body: Static<typeof TeamUpdate> }>(
    '/:id/team/:teamMemberId',
    {
      schema: {
        tags,
        summary: 'Change a team entry',
        params: TeamParams,
        body: TeamUpdate,
        response: { 200: TeamView, ...problems },
      },
    },
    async (req) =>
      executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewTeam, circlePolicy.editTeam);
        const row = await updateTeamMember(
          tx,
          networkId,
          req.params.id,
          req.params.teamMemberId,
          await check(tx, req.body),
        );
        if (!row) throw notFound();
        return present(row);
      }),
  );

  app.delete<{ Params: Static<typeof TeamParams> }>(
    '/:id/team/:teamMemberId',
    {
      schema: {
        tags,
        summary: 'Remove a team entry',
        params: TeamParams,
        response: { 204: NoContent, ...problems },
      },
    },
    async (req, reply) => {
      await executeTx(db, async (tx) => {
        await loadForChange(app, req, tx, req.params.id, circlePolicy.viewTeam, circlePolicy.editTeam);
        if (!(await deleteTeamMember(tx, networkId, req.params.id, req.params.teamMemberId)))
          throw notFound();
      });
      return reply.code(204).send();
    },
  );
}
