import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce, originOf } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import { FormError, invalid, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { ConfirmButton, QueryView } from '../../app/ui.tsx';
import { CircleFrame } from './CircleFrame.tsx';
import { circlePath } from './lib.ts';
import { supportKeys } from './queries.ts';
import type { Circle, TeamMember } from './types.ts';

/** /kreise/:id/team: the professionals around the person, from any organisation, and how to reach them. */
export function TeamPage() {
  return (
    <CircleFrame section="team">
      {(c) => (c.abilities.viewTeam ? <TeamSection circle={c} /> : null)}
    </CircleFrame>
  );
}

function TeamSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = [...supportKeys.circle(circle.id), 'team'];
  const team = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: TeamMember[] }>(`${circlePath(circle.id)}/team`),
  });
  const [adding, setAdding] = useState(false);
  const canEdit = circle.abilities.editTeam && circle.status === 'active';
  const refresh = async (text: string) => {
    await qc.invalidateQueries({ queryKey: key });
    announce(text, originOf(document.getElementById('circle-team')));
  };
  return (
    <section className="section" aria-labelledby="circle-team">
      <h2 id="circle-team">{t('circles.team.title')}</h2>
      <p className="hint">{t('circles.team.lead')}</p>
      <QueryView query={team} isEmpty={(d) => d.items.length === 0} empty={t('circles.team.empty')}>
        {(d) => (
          <ul className="card-list circle-team">
            {d.items.map((m) => (
              <TeamRow key={m.id} circle={circle} member={m} canEdit={canEdit} onChanged={refresh} />
            ))}
          </ul>
        )}
      </QueryView>
      {canEdit &&
        (adding ? (
          <TeamForm
            circleId={circle.id}
            onCancel={() => setAdding(false)}
            onSaved={async (m) => {
              setAdding(false);
              await refresh(t('circles.team.added', { name: m.name }));
            }}
          />
        ) : (
          <p>
            <button
              type="button"
              className="button primary"
              aria-expanded={false}
              onClick={() => setAdding(true)}
            >
              {t('circles.team.add')}
            </button>
          </p>
        ))}
    </section>
  );
}

function TeamRow({
  circle,
  member: m,
  canEdit,
  onChanged,
}: {
  circle: Circle;
  member: TeamMember;
  canEdit: boolean;
  onChanged: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const nameId = useId();
  if (editing)
    return (
      <li>
        <TeamForm
          circleId={circle.id}
          member={m}
          onCancel={() => setEditing(false)}
          onSaved={async (saved) => {
            setEditing(false);
            await onChanged(t('circles.team.saved', { name: saved.name }));
          }}
        />
      </li>
    );
  return (
    <li className="card" aria-labelledby={nameId}>
      <h3 id={nameId}>{m.name}</h3>
      <p className="meta">{[m.roleTitle, m.organisationName].filter(Boolean).join(' · ') || '–'}</p>
      {m.contact && <p className="prewrap">{t('circles.team.contactShown', { contact: m.contact })}</p>}
      {canEdit && (
        <div className="actions">
          <button
            type="button"
            className="button secondary"
            aria-describedby={nameId}
            onClick={() => setEditing(true)}
          >
            {t('circles.team.edit')}
          </button>
          <ConfirmButton
            label={t('circles.team.remove')}
            title={t('circles.team.removeTitle', { name: m.name })}
            message={<p>{t('circles.team.removeText', { name: m.name })}</p>}
            confirmLabel={t('circles.team.removeConfirm')}
            onConfirm={async () => {
              await api(`${circlePath(circle.id)}/team/${m.id}`, { method: 'DELETE' });
              await onChanged(t('circles.team.removed', { name: m.name }));
            }}
          />
        </div>
      )}
    </li>
  );
}

function TeamForm({
  circleId,
  member,
  onSaved,
  onCancel,
}: {
  circleId: string;
  member?: TeamMember;
  onSaved: (m: TeamMember) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(member?.name ?? '');
  const [organisationName, setOrganisationName] = useState(member?.organisationName ?? '');
  const [roleTitle, setRoleTitle] = useState(member?.roleTitle ?? '');
  const [contact, setContact] = useState(member?.contact ?? '');
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let saved: TeamMember | null = null;
    const ok = await action.run(async () => {
      if (!name.trim()) throw invalid(t('circles.form.invalid'), { name: t('circles.team.nameMissing') });
      const body = {
        name: name.trim(),
        organisationName: organisationName.trim(),
        roleTitle: roleTitle.trim(),
        contact: contact.trim(),
      };
      saved = await api<TeamMember>(
        member ? `${circlePath(circleId)}/team/${member.id}` : `${circlePath(circleId)}/team`,
        { method: member ? 'PATCH' : 'POST', body },
      );
    }, e.currentTarget);
    const s = saved as TeamMember | null;
    if (ok && s) await onSaved(s);
  }

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{member ? t('circles.team.editTitle', { name: member.name }) : t('circles.team.addTitle')}</h3>
      <FormError error={action.error} fields={['name', 'organisationName', 'roleTitle', 'contact']} />
      <TextField
        label={t('circles.team.name')}
        name="name"
        required
        maxLength={120}
        autoComplete="off"
        value={name}
        error={action.error}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        label={t('circles.team.organisation')}
        name="organisationName"
        maxLength={120}
        autoComplete="off"
        value={organisationName}
        error={action.error}
        onChange={(e) => setOrganisationName(e.target.value)}
      />
      <TextField
        label={t('circles.team.roleTitle')}
        hint={t('circles.team.roleTitleHint')}
        name="roleTitle"
        maxLength={120}
        autoComplete="off"
        value={roleTitle}
        error={action.error}
        onChange={(e) => setRoleTitle(e.target.value)}
      />
      <TextField
        label={t('circles.team.contact')}
        hint={t('circles.team.contactHint')}
        name="contact"
        maxLength={300}
        autoComplete="off"
        value={contact}
        error={action.error}
        onChange={(e) => setContact(e.target.value)}
      />
      <div className="actions">
        <SubmitButton pending={action.pending}>
          {member ? t('common.save') : t('circles.team.addSubmit')}
        </SubmitButton>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
