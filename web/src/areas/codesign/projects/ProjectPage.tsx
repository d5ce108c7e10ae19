import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SelectField, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { RichText } from '../../../app/RichText.tsx';
import { useSession } from '../../../app/session.tsx';
import { ConfirmButton, PageHeading, QueryView } from '../../../app/ui.tsx';
import { Stepper, Timeline, ToolTile } from './Parts.tsx';
import { managePath, projectKeys, useProject } from './queries.ts';
import { ageBands, type Project, stakes } from './types.ts';

/** The groups a participant declares, each optional, with why we ask. */
function GroupsForm({ p }: { p: Project }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = p.myParticipation;
  const action = useAction({ done: t('codesign.projects.groups.saved') });
  const [ageBand, setAgeBand] = useState(me?.ageBand ?? '');
  const [stake, setStake] = useState(me?.stake ?? '');
  const [language, setLanguage] = useState(me?.language ?? '');
  if (me?.status !== 'active') return null;
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void action.run(async () => {
      const next = await api<Project>(`/codesign/projects/${p.id}/my-groups`, {
        method: 'PUT',
        body: {
          districtId: me?.districtId ?? null,
          ageBand: ageBand || null,
          stake: stake || null,
          language: language.trim().toLowerCase() || null,
        },
      });
      qc.setQueryData(projectKeys.project(p.id), next);
    }, e.currentTarget);
  }
  return (
    <details className="codesign-groups">
      <summary>{t('codesign.projects.groups.title')}</summary>
      <p>{t('codesign.projects.groups.why')}</p>
      <form onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['/ageBand', '/stake', '/language']} />
        <SelectField
          label={t('codesign.projects.groups.ageBand')}
          name="ageBand"
          serverField="/ageBand"
          error={action.error}
          value={ageBand}
          onChange={(e) => setAgeBand(e.target.value)}
          options={[
            { value: '', label: t('codesign.projects.groups.none') },
            ...ageBands.map((a) => ({ value: a, label: t(`codesign.projects.ageBand.${a}`) })),
          ]}
        />
        <SelectField
          label={t('codesign.projects.groups.stake')}
          name="stake"
          serverField="/stake"
          error={action.error}
          value={stake}
          onChange={(e) => setStake(e.target.value)}
          options={[
            { value: '', label: t('codesign.projects.groups.none') },
            ...stakes.map((s) => ({ value: s, label: t(`codesign.projects.stake.${s}`) })),
          ]}
        />
        <TextField
          label={t('codesign.projects.groups.language')}
          hint={t('codesign.projects.groups.languageHint')}
          name="language"
          serverField="/language"
          error={action.error}
          value={language}
          maxLength={3}
          onChange={(e) => setLanguage(e.target.value)}
        />
        <SubmitButton pending={action.pending}>{t('codesign.projects.groups.save')}</SubmitButton>
      </form>
    </details>
  );
}

function JoinLeave({ p }: { p: Project }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const action = useAction();
  const refresh = () => qc.invalidateQueries({ queryKey: ['codesign'] });
  if (!session.account) {
    if (p.status === 'active' && p.joining === 'open')
      return (
        <p>
          <Link to={`/anmelden?weiter=${encodeURIComponent(window.location.pathname)}`}>
            {t('codesign.projects.signInToJoin')}
          </Link>
        </p>
      );
    return null;
  }
  const invited = p.myParticipation?.status === 'invited';
  return (
    <div className="actions">
      <FormError error={action.error} />
      {p.abilities.join && (
        <button
          type="button"
          className="button primary"
          disabled={action.pending}
          onClick={() =>
            void action.run(
              async () => {
                await api(`/codesign/projects/${p.id}/join`, { method: 'POST' });
                await refresh();
              },
              undefined,
              t('codesign.projects.joined'),
            )
          }
        >
          {invited ? t('codesign.projects.acceptInvitation') : t('codesign.projects.join')}
        </button>
      )}
      {p.abilities.leave && (
        <ConfirmButton
          label={invited ? t('codesign.projects.declineInvitation') : t('codesign.projects.leave')}
          title={t('codesign.projects.leaveTitle')}
          message={t('codesign.projects.leaveText')}
          confirmLabel={invited ? t('codesign.projects.declineInvitation') : t('codesign.projects.leave')}
          onConfirm={async () => {
            await api(`/codesign/projects/${p.id}/leave`, { method: 'POST' });
            await refresh();
          }}
          done={t('codesign.projects.left')}
        />
      )}
    </div>
  );
}

function PartnerAnswer({ p }: { p: Project }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useAction();
  const org = p.abilities.answerInvitation;
  if (!org) return null;
  const name = p.invited.find((o) => o.id === org)?.name ?? '';
  const answer = (verb: 'accept' | 'decline') =>
    void action.run(
      async () => {
        await api(`/codesign/projects/${p.id}/partners/${org}/${verb}`, { method: 'POST' });
        await qc.invalidateQueries({ queryKey: ['codesign'] });
      },
      undefined,
      verb === 'accept' ? t('codesign.projects.partner.accepted') : t('codesign.projects.partner.declined'),
    );
  return (
    <section className="notice" aria-label={t('codesign.projects.partner.invitedTitle')}>
      <p>{t('codesign.projects.partner.invitedText', { organisation: name })}</p>
      <FormError error={action.error} />
      <div className="actions">
        <button
          type="button"
          className="button primary"
          onClick={() => answer('accept')}
          disabled={action.pending}
        >
          {t('codesign.projects.partner.accept')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => answer('decline')}
          disabled={action.pending}
        >
          {t('codesign.projects.partner.decline')}
        </button>
      </div>
    </section>
  );
}

/** /mitgestalten/projekte/:id — a project: where it stands, the current phase's tools, who runs it, joining, its timeline. */
export function ProjectPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const project = useProject(id);
  return (
    <QueryView query={project}>
      {(p) => {
        const current = p.phases.find((ph) => ph.current);
        return (
          <div className="codesign-project">
            <PageHeading title={p.title}>
              {p.summary && <p className="lead">{p.summary}</p>}
              <p className="meta">
                {t('codesign.projects.runBy', { names: p.organisations.map((o) => o.name).join(', ') })}
                {p.district && <> · {p.district.name}</>}
                {' · '}
                {t('codesign.projects.participants', { count: p.counts.participants })}
                {p.status !== 'active' && (
                  <>
                    {' · '}
                    <span className="status-pill wait">{t(`codesign.projects.status.${p.status}`)}</span>
                  </>
                )}
              </p>
            </PageHeading>
            <PartnerAnswer p={p} />
            {p.abilities.organise && (
              <div className="actions">
                <Link className="button secondary" to={managePath(p.id)}>
                  {t('codesign.projects.manage')}
                </Link>
              </div>
            )}
            {p.status === 'draft' && <p className="notice">{t('codesign.projects.draftNotice')}</p>}
            <JoinLeave p={p} />
            <section aria-labelledby="codesign-steps">
              <h2 id="codesign-steps">{t('codesign.projects.steps')}</h2>
              <Stepper phases={p.phases} closed={p.status === 'closed'} />
            </section>
            {current && (
              <section aria-labelledby="codesign-now">
                <h2 id="codesign-now">{t('codesign.projects.now', { phase: current.title })}</h2>
                {current.description && <p>{current.description}</p>}
                {current.tools.length === 0 ? (
                  <p className="state state-empty">{t('codesign.projects.noTools')}</p>
                ) : (
                  <ul className="codesign-tools">
                    {current.tools.map((tool) => (
                      <ToolTile key={tool.id} projectId={p.id} tool={tool} />
                    ))}
                  </ul>
                )}
              </section>
            )}
            <section aria-labelledby="codesign-more">
              <h2 id="codesign-more">{t('codesign.projects.more.title')}</h2>
              <ul className="codesign-more">
                <li>
                  <Link to={`/mitgestalten/projekte/${p.id}/zusagen`}>
                    {t('codesign.projects.more.commitments')}
                  </Link>
                  <span className="hint"> {t('codesign.projects.more.commitmentsHint')}</span>
                </li>
                <li>
                  <Link to={`/mitgestalten/projekte/${p.id}/wirkung`}>
                    {t('codesign.projects.more.impact')}
                  </Link>
                  <span className="hint"> {t('codesign.projects.more.impactHint')}</span>
                </li>
                {p.abilities.facilitate && (
                  <li>
                    <Link to={`/mitgestalten/projekte/${p.id}/mit-unterstuetzung`}>
                      {t('codesign.projects.more.assisted')}
                    </Link>
                    <span className="hint"> {t('codesign.projects.more.assistedHint')}</span>
                  </li>
                )}
              </ul>
            </section>
            <GroupsForm p={p} />
            {p.html && (
              <section aria-labelledby="codesign-about">
                <h2 id="codesign-about">{t('codesign.projects.about')}</h2>
                <RichText html={p.html} />
              </section>
            )}
            {p.phases.some((ph) => !ph.current && ph.tools.length > 0) && (
              <section aria-labelledby="codesign-other-tools">
                <h2 id="codesign-other-tools">{t('codesign.projects.otherTools')}</h2>
                {p.phases
                  .filter((ph) => !ph.current && ph.tools.length > 0)
                  .map((ph) => (
                    <div key={ph.id}>
                      <h3>{ph.title}</h3>
                      <ul className="codesign-tools">
                        {ph.tools.map((tool) => (
                          <ToolTile key={tool.id} projectId={p.id} tool={tool} />
                        ))}
                      </ul>
                    </div>
                  ))}
              </section>
            )}
            <Timeline projectId={p.id} />
          </div>
        );
      }}
    </QueryView>
  );
}
