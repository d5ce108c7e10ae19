import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { CopyLink } from '../../../app/CopyLink.tsx';
import {
  FormError,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import type { Page } from '../../../app/types.ts';
import { ConfirmButton, Empty, PageHeading, QueryView } from '../../../app/ui.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { joinLinkUrl, projectKeys, projectPath, toolPath, useOrganisingFor, useProject } from './queries.ts';
import {
  type Participant,
  type Phase,
  type Project,
  phaseKinds,
  type ToolSummary,
  toolKinds,
} from './types.ts';
import './projects.css';

function useRefresh(projectId: string) {
  const qc = useQueryClient();
  return async (next?: Project) => {
    if (next) qc.setQueryData(projectKeys.project(projectId), next);
    await qc.invalidateQueries({ queryKey: ['codesign'] });
  };
}

function PhaseEditor({ p, ph, index }: { p: Project; ph: Phase; index: number }) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction({ done: t('codesign.projects.form.saved') });
  const [title, setTitle] = useState(ph.title);
  const [description, setDescription] = useState(ph.description);
  const [startsOn, setStartsOn] = useState(ph.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(ph.endsOn ?? '');
  const base = `/codesign/projects/${p.id}`;
  const move = (by: number) => {
    const ids = p.phases.map((x) => x.id);
    const [it] = ids.splice(index, 1);
    ids.splice(index + by, 0, it as string);
    void action.run(async () =>
      refresh(await api<Project>(`${base}/phase-order`, { method: 'PUT', body: { phaseIds: ids } })),
    );
  };
  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void action.run(
      async () =>
        refresh(
          await api<Project>(`${base}/phases/${ph.id}`, {
            method: 'PUT',
            body: { title: title.trim(), description, startsOn: startsOn || null, endsOn: endsOn || null },
          }),
        ),
      e.currentTarget,
    );
  }
  return (
    <li>
      <h3>
        {ph.position}. {ph.title}{' '}
        {ph.current && <span className="status-pill ok">{t('codesign.projects.stepState.current')}</span>}
      </h3>
      <p className="meta">{t(`codesign.phase.kind.${ph.kind}`)}</p>
      <FormError error={action.error} fields={['/title', '/description', '/startsOn', '/endsOn']} />
      <div className="actions">
        {!ph.current && p.status !== 'closed' && (
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void action.run(async () =>
                refresh(
                  await api<Project>(`${base}/current-phase`, { method: 'PUT', body: { phaseId: ph.id } }),
                ),
              )
            }
          >
            {t('codesign.projects.manageUi.setCurrent')}
          </button>
        )}
        {index > 0 && (
          <button type="button" className="button secondary" onClick={() => move(-1)}>
            {t('codesign.projects.manageUi.up')}
            <span className="visually-hidden">: {ph.title}</span>
          </button>
        )}
        {index < p.phases.length - 1 && (
          <button type="button" className="button secondary" onClick={() => move(1)}>
            {t('codesign.projects.manageUi.down')}
            <span className="visually-hidden">: {ph.title}</span>
          </button>
        )}
        <ConfirmButton
          label={t('codesign.projects.manageUi.removePhase')}
          accessibleName={`${t('codesign.projects.manageUi.removePhase')}: ${ph.title}`}
          title={t('codesign.projects.manageUi.removePhaseTitle')}
          message={t('codesign.projects.manageUi.removePhaseText', { title: ph.title })}
          confirmLabel={t('codesign.projects.manageUi.removePhase')}
          onConfirm={async () => {
            await api(`${base}/phases/${ph.id}`, { method: 'DELETE' });
            await refresh();
          }}
          done={t('codesign.projects.manageUi.removed')}
        />
      </div>
      <details>
        <summary>{t('codesign.projects.manageUi.editPhase')}</summary>
        <form onSubmit={save} noValidate>
          <TextField
            label={t('codesign.projects.form.title')}
            name="title"
            serverField="/title"
            error={action.error}
            required
            maxLength={120}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextAreaField
            label={t('codesign.projects.manageUi.phaseDescription')}
            name="description"
            serverField="/description"
            error={action.error}
            maxLength={5000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <TextField
            type="date"
            label={t('codesign.projects.manageUi.startsOn')}
            name="startsOn"
            serverField="/startsOn"
            error={action.error}
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
          <TextField
            type="date"
            label={t('codesign.projects.manageUi.endsOn')}
            name="endsOn"
            serverField="/endsOn"
            error={action.error}
            value={endsOn}
            onChange={(e) => setEndsOn(e.target.value)}
          />
          <SubmitButton pending={action.pending}>{t('codesign.projects.form.save')}</SubmitButton>
        </form>
      </details>
      <h4>{t('codesign.projects.manageUi.tools')}</h4>
      {ph.tools.length === 0 ? (
        <p className="state state-empty">{t('codesign.projects.noTools')}</p>
      ) : (
        <ul className="codesign-manage-list">
          {ph.tools.map((tool) => (
            <ToolRow key={tool.id} p={p} tool={tool} />
          ))}
        </ul>
      )}
      {p.status !== 'closed' && <AddTool p={p} ph={ph} />}
    </li>
  );
}

function ToolRow({ p, tool }: { p: Project; tool: ToolSummary }) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction();
  const [title, setTitle] = useState(tool.title);
  const [description, setDescription] = useState(tool.description);
  const openClose = (verb: 'open' | 'close') =>
    void action.run(
      async () => {
        await api(`/codesign/tools/${tool.id}/${verb}`, { method: 'POST' });
        await refresh();
      },
      undefined,
      verb === 'open'
        ? t('codesign.projects.manageUi.toolOpened')
        : t('codesign.projects.manageUi.toolClosed'),
    );
  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void action.run(
      async () => {
        await api(`/codesign/tools/${tool.id}`, {
          method: 'PUT',
          body: {
            title: title.trim(),
            description,
            config: tool.config,
            opensAt: tool.opensAt,
            closesAt: tool.closesAt,
          },
        });
        await refresh();
      },
      e.currentTarget,
      t('codesign.projects.form.saved'),
    );
  }
  return (
    <li>
      <p>
        <Link to={toolPath(p.id, tool.id)}>{tool.title}</Link> · {t(`codesign.tool.kind.${tool.kind}`)} ·{' '}
        {tool.open ? t('codesign.tool.open') : t('codesign.tool.closed')} ·{' '}
        {t('codesign.tool.paperCode', { code: tool.paperCode })}
      </p>
      <FormError error={action.error} fields={['/title', '/description']} />
      <div className="actions">
        {p.status === 'active' && !tool.open && (
          <button type="button" className="button secondary" onClick={() => openClose('open')}>
            {t('codesign.projects.manageUi.open')}
            <span className="visually-hidden">: {tool.title}</span>
          </button>
        )}
        {tool.open && (
          <button type="button" className="button secondary" onClick={() => openClose('close')}>
            {t('codesign.projects.manageUi.close')}
            <span className="visually-hidden">: {tool.title}</span>
          </button>
        )}
        <ConfirmButton
          label={t('codesign.projects.manageUi.removeTool')}
          accessibleName={`${t('codesign.projects.manageUi.removeTool')}: ${tool.title}`}
          title={t('codesign.projects.manageUi.removeToolTitle')}
          message={t('codesign.projects.manageUi.removeToolText', { title: tool.title })}
          confirmLabel={t('codesign.projects.manageUi.removeTool')}
          onConfirm={async () => {
            await api(`/codesign/tools/${tool.id}`, { method: 'DELETE' });
            await refresh();
          }}
          done={t('codesign.projects.manageUi.removed')}
        />
      </div>
      <details>
        <summary>{t('codesign.projects.manageUi.editTool')}</summary>
        <form onSubmit={save} noValidate>
          <TextField
            label={t('codesign.projects.form.title')}
            name="title"
            serverField="/title"
            error={action.error}
            required
            maxLength={160}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextAreaField
            label={t('codesign.projects.manageUi.toolDescription')}
            name="description"
            serverField="/description"
            error={action.error}
            maxLength={5000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <SubmitButton pending={action.pending}>{t('codesign.projects.form.save')}</SubmitButton>
        </form>
      </details>
    </li>
  );
}

function AddTool({ p, ph }: { p: Project; ph: Phase }) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction({ done: t('codesign.projects.manageUi.toolAdded') });
  const [kind, setKind] = useState<(typeof toolKinds)[number]>('ideas');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    void action.run(async () => {
      const next = await api<Project>(`/codesign/projects/${p.id}/phases/${ph.id}/tools`, {
        method: 'POST',
        body: { kind, title: title.trim(), description, opensAt: null, closesAt: null },
      });
      setTitle('');
      setDescription('');
      await refresh(next);
    }, form);
  }
  return (
    <details>
      <summary>{t('codesign.projects.manageUi.addTool', { phase: ph.title })}</summary>
      <form onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['/kind', '/title', '/description']} />
        <SelectField
          label={t('codesign.projects.manageUi.toolKind')}
          name="kind"
          serverField="/kind"
          error={action.error}
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof toolKinds)[number])}
          options={toolKinds.map((k) => ({
            value: k,
            label: `${t(`codesign.tool.kind.${k}`)} – ${t(`codesign.tool.kindHint.${k}`)}`,
          }))}
        />
        <TextField
          label={t('codesign.projects.form.title')}
          name="title"
          serverField="/title"
          error={action.error}
          required
          maxLength={160}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextAreaField
          label={t('codesign.projects.manageUi.toolDescription')}
          name="description"
          serverField="/description"
          error={action.error}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <SubmitButton pending={action.pending}>{t('codesign.projects.manageUi.addToolButton')}</SubmitButton>
      </form>
    </details>
  );
}

function AddPhase({ p }: { p: Project }) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction({ done: t('codesign.projects.manageUi.phaseAdded') });
  const [kind, setKind] = useState<(typeof phaseKinds)[number]>('ideas');
  const [title, setTitle] = useState('');
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void action.run(async () => {
      const next = await api<Project>(`/codesign/projects/${p.id}/phases`, {
        method: 'POST',
        body: {
          kind,
          title: title.trim() || t(`codesign.phase.kind.${kind}`),
          description: '',
          startsOn: null,
          endsOn: null,
        },
      });
      setTitle('');
      await refresh(next);
    }, e.currentTarget);
  }
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t('codesign.projects.manageUi.addPhase')}</h3>
      <FormError error={action.error} fields={['/kind', '/title']} />
      <SelectField
        label={t('codesign.projects.manageUi.phaseKind')}
        name="kind"
        serverField="/kind"
        error={action.error}
        value={kind}
        onChange={(e) => setKind(e.target.value as (typeof phaseKinds)[number])}
        options={phaseKinds.map((k) => ({ value: k, label: t(`codesign.phase.kind.${k}`) }))}
      />
      <TextField
        label={t('codesign.projects.form.title')}
        name="title"
        serverField="/title"
        error={action.error}
        maxLength={120}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <SubmitButton pending={action.pending}>{t('codesign.projects.manageUi.addPhaseButton')}</SubmitButton>
    </form>
  );
}

function Partners({ p }: { p: Project }) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction({ done: t('codesign.projects.manageUi.partnerInvited') });
  const orgs = useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: () => api<Page<{ id: string; name: string }>>('/organisations', { query: { limit: 100 } }),
  });
  const named = new Set([...p.organisations, ...p.invited].map((o) => o.id));
  const options = (orgs.data?.items ?? []).filter((o) => !named.has(o.id));
  const [org, setOrg] = useState('');
  return (
    <section aria-labelledby="codesign-partners">
      <h2 id="codesign-partners">{t('codesign.projects.manageUi.partners')}</h2>
      <p>{t('codesign.projects.manageUi.partnersText')}</p>
      <ul className="codesign-manage-list">
        {[
          ...p.organisations.map((o) => ({ ...o, invited: false })),
          ...p.invited.map((o) => ({ ...o, invited: true })),
        ].map((o) => (
          <li key={o.id}>
            {o.name} ·{' '}
            {o.isLead
              ? t('codesign.projects.manageUi.lead')
              : o.invited
                ? t('codesign.projects.manageUi.invited')
                : t('codesign.projects.manageUi.partner')}
            {!o.isLead && (
              <ConfirmButton
                label={t('codesign.projects.manageUi.removePartner')}
                accessibleName={`${t('codesign.projects.manageUi.removePartner')}: ${o.name}`}
                title={t('codesign.projects.manageUi.removePartner')}
                message={t('codesign.projects.manageUi.removePartnerText', { name: o.name })}
                confirmLabel={t('codesign.projects.manageUi.removePartner')}
                onConfirm={async () => {
                  await api(`/codesign/projects/${p.id}/partners/${o.id}`, { method: 'DELETE' });
                  await refresh();
                }}
                done={t('codesign.projects.manageUi.removed')}
              />
            )}
          </li>
        ))}
      </ul>
      {options.length > 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(
              async () =>
                refresh(
                  await api<Project>(`/codesign/projects/${p.id}/partners`, {
                    method: 'POST',
                    body: { organisationId: org || options[0]?.id },
                  }),
                ),
              e.currentTarget,
            );
          }}
        >
          <FormError error={action.error} fields={['/organisationId']} />
          <SelectField
            label={t('codesign.projects.manageUi.inviteOrganisation')}
            name="organisationId"
            serverField="/organisationId"
            error={action.error}
            value={org || options[0]?.id || ''}
            onChange={(e) => setOrg(e.target.value)}
            options={options.map((o) => ({ value: o.id, label: o.name }))}
          />
          <SubmitButton pending={action.pending}>{t('codesign.projects.manageUi.invite')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function Participants({ p }: { p: Project }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useAction();
  const organising = useOrganisingFor();
  const list = useQuery({
    queryKey: projectKeys.participants(p.id),
    queryFn: () =>
      api<Page<Participant>>(`/codesign/projects/${p.id}/participants`, { query: { limit: 100 } }),
  });
  const members = useQuery({
    queryKey: ['codesign', 'inviteable', organising.map((m) => m.organisationId)],
    queryFn: async () => {
      const all = await Promise.all(
        organising.map((m) =>
          api<
            | { items?: { accountId: string; displayName: string }[] }
            | { accountId: string; displayName: string }[]
          >(`/organisations/${m.organisationId}/members`).catch(() => []),
        ),
      );
      const flat = all.flatMap((a) => (Array.isArray(a) ? a : (a.items ?? [])));
      return [...new Map(flat.map((m) => [m.accountId, m])).values()];
    },
  });
  const [account, setAccount] = useState('');
  const inList = new Set((list.data?.items ?? []).map((x) => x.name));
  const inviteable = (members.data ?? []).filter((m) => !inList.has(m.displayName));
  const refresh = () => qc.invalidateQueries({ queryKey: ['codesign'] });
  return (
    <section aria-labelledby="codesign-people">
      <h2 id="codesign-people">{t('codesign.projects.manageUi.people')}</h2>
      <p>{t('codesign.projects.manageUi.peopleText')}</p>
      <FormError error={action.error} fields={['/accountId']} />
      <QueryView
        query={list}
        isEmpty={(x) => x.items.length === 0}
        empty={t('codesign.projects.manageUi.noPeople')}
      >
        {(x) => (
          <ul className="codesign-manage-list">
            {x.items.map((m) => (
              <li key={m.id}>
                {m.name || t('codesign.projects.manageUi.formerParticipant')} ·{' '}
                {t(`codesign.projects.manageUi.role.${m.role}`)}
                {m.status === 'invited' && <> · {t('codesign.projects.manageUi.invited')}</>}
                {m.hasAccount && m.status === 'active' && (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() =>
                      void action.run(
                        async () => {
                          await api(`/codesign/projects/${p.id}/participants/${m.id}/role`, {
                            method: 'PUT',
                            body: { role: m.role === 'facilitator' ? 'participant' : 'facilitator' },
                          });
                          await refresh();
                        },
                        undefined,
                        t('codesign.projects.form.saved'),
                      )
                    }
                  >
                    {m.role === 'facilitator'
                      ? t('codesign.projects.manageUi.unmakeFacilitator')
                      : t('codesign.projects.manageUi.makeFacilitator')}
                    <span className="visually-hidden">: {m.name}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {inviteable.length > 0 && p.status !== 'closed' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(
              async () => {
                await api(`/codesign/projects/${p.id}/participants`, {
                  method: 'POST',
                  body: { accountId: account || inviteable[0]?.accountId },
                });
                await refresh();
              },
              e.currentTarget,
              t('codesign.projects.manageUi.personInvited'),
            );
          }}
        >
          <SelectField
            label={t('codesign.projects.manageUi.invitePerson')}
            name="accountId"
            serverField="/accountId"
            error={action.error}
            value={account || inviteable[0]?.accountId || ''}
            onChange={(e) => setAccount(e.target.value)}
            options={inviteable.map((m) => ({ value: m.accountId, label: m.displayName }))}
          />
          <SubmitButton pending={action.pending}>{t('codesign.projects.manageUi.invite')}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function JoinLink({
  p,
  secret,
  setSecret,
}: {
  p: Project;
  secret: string | null;
  setSecret: (s: string | null) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefresh(p.id);
  const action = useAction();
  if (p.joining !== 'link') return null;
  return (
    <section aria-labelledby="codesign-link">
      <h2 id="codesign-link">{t('codesign.projects.manageUi.joinLink')}</h2>
      {secret ? (
        <CopyLink label={t('codesign.projects.manageUi.joinLinkLabel')} url={joinLinkUrl(secret)} />
      ) : (
        <p>{t('codesign.projects.manageUi.joinLinkHidden')}</p>
      )}
      <FormError error={action.error} />
      <button
        type="button"
        className="button secondary"
        onClick={() =>
          void action.run(async () => {
            const next = await api<Project>(`/codesign/projects/${p.id}/join-link`, { method: 'POST' });
            setSecret(next.joinSecret);
            await refresh(next);
          })
        }
      >
        {t('codesign.projects.manageUi.renewLink')}
      </button>
    </section>
  );
}

/** /mitgestalten/projekte/:id/verwalten — everything the organisers set up: the project, phases, tools, partners, people. */
export function ProjectManagePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const project = useProject(id);
  return (
    <QueryView query={project}>
      {(p) =>
        !p.abilities.organise ? (
          <Empty>{t('codesign.projects.manageUi.notAllowed')}</Empty>
        ) : (
          <ManageBody p={p} />
        )
      }
    </QueryView>
  );
}

function ManageBody({ p }: { p: Project }) {
  const { t } = useTranslation();
  const location = useLocation();
  // a join link's secret is shown once: in the answer that made it (creation, a change to 'link', a renewal)
  const [secret, setSecret] = useState<string | null>(
    (location.state as { joinSecret?: string | null } | null)?.joinSecret ?? null,
  );
  const refresh = useRefresh(p.id);
  const action = useAction();
  return (
    <div className="codesign-manage">
      <p className="breadcrumb">
        <Link to={projectPath(p.id)}>{p.title}</Link>
      </p>
      <PageHeading title={t('codesign.projects.manageUi.title')}>
        <p className="lead">{t(`codesign.projects.manageUi.statusText.${p.status}`)}</p>
      </PageHeading>
      <FormError error={action.error} />
      <div className="actions">
        {p.status === 'draft' && (
          <button
            type="button"
            className="button primary"
            onClick={() =>
              void action.run(
                async () =>
                  refresh(await api<Project>(`/codesign/projects/${p.id}/start`, { method: 'POST' })),
                undefined,
                t('codesign.projects.manageUi.started'),
              )
            }
          >
            {t('codesign.projects.manageUi.startProject')}
          </button>
        )}
        {p.status === 'active' && (
          <ConfirmButton
            label={t('codesign.projects.manageUi.closeProject')}
            title={t('codesign.projects.manageUi.closeProject')}
            message={t('codesign.projects.manageUi.closeText')}
            confirmLabel={t('codesign.projects.manageUi.closeProject')}
            onConfirm={async () =>
              refresh(await api<Project>(`/codesign/projects/${p.id}/close`, { method: 'POST' }))
            }
            done={t('codesign.projects.manageUi.closed')}
          />
        )}
        <Link className="button secondary" to={projectPath(p.id)}>
          {t('codesign.projects.manageUi.toPage')}
        </Link>
      </div>
      <JoinLink p={p} secret={secret} setSecret={setSecret} />
      <section aria-labelledby="codesign-phases">
        <h2 id="codesign-phases">{t('codesign.projects.manageUi.phases')}</h2>
        <ul className="codesign-manage-list">
          {p.phases.map((ph, i) => (
            <PhaseEditor key={ph.id} p={p} ph={ph} index={i} />
          ))}
        </ul>
        {p.status !== 'closed' && <AddPhase p={p} />}
      </section>
      <Partners p={p} />
      <Participants p={p} />
      <section aria-labelledby="codesign-details">
        <h2 id="codesign-details">{t('codesign.projects.manageUi.details')}</h2>
        <ProjectForm existing={p} onSaved={(next) => next.joinSecret && setSecret(next.joinSecret)} />
      </section>
    </div>
  );
}
