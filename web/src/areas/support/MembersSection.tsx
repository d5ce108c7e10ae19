import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { announce, originOf } from '../../app/announce.tsx';
import { api } from '../../app/api.ts';
import {
  FormError,
  invalid,
  Saved,
  SelectField,
  SubmitButton,
  TextField,
  useAction,
} from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton, formatDate, QueryView } from '../../app/ui.tsx';
import { CircleFrame } from './CircleFrame.tsx';
import { circlePath, looksLikeEmail, refreshCircle } from './lib.ts';
import { supportKeys } from './queries.ts';
import {
  type ChangeableRole,
  type Circle,
  changeableRoles,
  type InvitableRole,
  type Invitation,
  type Member,
  type Settings,
} from './types.ts';

/** /kreise/:id/mitglieder: who is in the circle, inviting, open invitations, my own notifications. */
export function MembersPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  return (
    <CircleFrame section="members">
      {(c) => (
        <>
          {created && (
            <p className="notice">
              {t(c.awaitingOwner ? 'circles.members.createdPreparing' : 'circles.members.created', {
                name: c.personLabel,
              })}
            </p>
          )}
          {(c.abilities.invite || c.abilities.inviteOwner) && <InviteSection circle={c} />}
          <MemberList circle={c} />
          {(c.abilities.invite || c.abilities.inviteOwner) && <OpenInvitations circle={c} />}
          {c.status === 'active' && <SettingsSection circle={c} />}
        </>
      )}
    </CircleFrame>
  );
}

function MemberList({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: [...supportKeys.circle(circle.id), 'members'],
    queryFn: () => api<{ items: Member[] }>(`${circlePath(circle.id)}/members`),
  });
  // said in the layout's status region; focus stays in the list when a removed member's row goes
  const said = (text: string) => announce(text, originOf(document.getElementById('circle-members')));
  return (
    <section className="section" aria-labelledby="circle-members">
      <h2 id="circle-members">{t('circles.members.title')}</h2>
      <QueryView query={members}>
        {(d) => (
          <ul className="card-list circle-members">
            {d.items.map((m) => (
              <MemberRow key={m.accountId} circle={circle} member={m} onMessage={said} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function MemberRow({
  circle,
  member: m,
  onMessage,
}: {
  circle: Circle;
  member: Member;
  onMessage: (text: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { session } = useSession();
  const self = m.accountId === session.account?.id;
  const [role, setRole] = useState<ChangeableRole>(m.role === 'owner' ? 'coordinator' : m.role);
  const action = useAction();
  const nameId = useId();
  const live = circle.status === 'active';

  async function changeRole(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(
      () => api(`${circlePath(circle.id)}/members/${m.accountId}`, { method: 'PATCH', body: { role } }),
      e.currentTarget,
    );
    if (ok) {
      onMessage(t('circles.members.roleChanged', { name: m.name, role: t(`circles.role.${role}`) }));
      await refreshCircle(qc, circle.id);
    }
  }

  return (
    <li className="card circle-member" aria-labelledby={nameId}>
      <h3 id={nameId}>
        {m.name}
        {self && ` (${t('circles.members.you')})`}
      </h3>
      <p className="meta">
        {t(`circles.role.${m.role}`)}
        {m.isPerson && ` · ${t('circles.members.isPerson')}`}
        {' · '}
        {t('circles.members.since', { date: formatDate(m.joinedAt) })}
      </p>
      {m.email && <p className="circle-email">{m.email}</p>}
      {m.abilities.changeRole && live && (
        <form className="inline-form" onSubmit={(e) => void changeRole(e)} noValidate>
          <FormError error={action.error} fields={['role']} />
          <SelectField
            label={t('circles.members.role', { name: m.name })}
            name="role"
            value={role}
            error={action.error}
            onChange={(e) => setRole(e.target.value as ChangeableRole)}
            options={changeableRoles.map((r) => ({ value: r, label: t(`circles.role.${r}`) }))}
          />
          <SubmitButton pending={action.pending}>{t('circles.members.changeRole')}</SubmitButton>
        </form>
      )}
      {m.abilities.remove && (
        <div className="actions">
          <ConfirmButton
            label={self ? t('circles.members.leave') : t('circles.members.remove')}
            title={
              self ? t('circles.members.leaveTitle') : t('circles.members.removeTitle', { name: m.name })
            }
            message={
              <p>
                {self
                  ? t('circles.members.leaveText', { name: circle.personLabel })
                  : t('circles.members.removeText', { name: m.name })}
              </p>
            }
            confirmLabel={self ? t('circles.members.leaveConfirm') : t('circles.members.removeConfirm')}
            onConfirm={async () => {
              await api(`${circlePath(circle.id)}/members/${m.accountId}`, { method: 'DELETE' });
              if (self) {
                await qc.invalidateQueries({ queryKey: supportKeys.circles() });
                qc.removeQueries({ queryKey: supportKeys.circle(circle.id) });
                navigate('/kreise', { replace: true });
                return;
              }
              onMessage(t('circles.members.removed', { name: m.name }));
              await refreshCircle(qc, circle.id);
            }}
          />
        </div>
      )}
    </li>
  );
}

/** Whom I may invite: while nobody owns the circle only its owner (the person or a representative). */
function invitableRoles(circle: Circle): InvitableRole[] {
  const owners: InvitableRole[] = [
    ...(circle.personHasAccount ? [] : (['person'] as const)),
    'representative',
  ];
  if (!circle.abilities.invite) return circle.abilities.inviteOwner ? owners : [];
  if (circle.myRole === 'owner')
    return ['helper', 'relative', 'coordinator', 'professional', 'viewer', ...owners];
  return ['helper', 'relative', 'professional', 'viewer'];
}

/** Invite by a one-time link (shown once, to pass on) or by email (the server sends the link). */
function InviteSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [role, setRole] = useState<InvitableRole>(invitableRoles(circle)[0] ?? 'helper');
  const [how, setHow] = useState<'link' | 'email'>('link');
  const [email, setEmail] = useState('');
  const [result, setResult] = useState<Invitation | null>(null);
  const action = useAction();
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (result?.url) linkRef.current?.focus();
  }, [result]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    let inv: Invitation | null = null;
    const ok = await action.run(async () => {
      if (how === 'email' && !looksLikeEmail(email.trim()))
        throw invalid(t('circles.form.invalid'), { email: t('circles.invite.emailMissing') });
      inv = await api<Invitation>(`${circlePath(circle.id)}/invitations`, {
        method: 'POST',
        body: { role, ...(how === 'email' ? { email: email.trim() } : {}) },
      });
    }, e.currentTarget);
    if (ok && inv) {
      const made: Invitation = inv;
      setResult(made);
      setEmail('');
      await qc.invalidateQueries({ queryKey: [...supportKeys.circle(circle.id), 'invitations'] });
      // with a link to pass on, focus goes to it (below); an email on its way is only said
      announce(
        made.mailHeld
          ? t('feedback.link.noMail')
          : made.url
            ? t('circles.invite.linkReady', { role: t(`circles.invitedRole.${made.role}`) })
            : t('circles.invite.sent', { email: made.email ?? '' }),
      );
    }
  }

  async function copy() {
    if (!result?.url) return;
    try {
      await navigator.clipboard.writeText(result.url);
      announce(t('circles.invite.copied'));
    } catch {
      linkRef.current?.select();
    }
  }

  return (
    <section className="section" aria-labelledby="circle-invite">
      <h2 id="circle-invite">{t('circles.invite.title')}</h2>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError error={action.error} fields={['role', 'email']} />
        <SelectField
          label={t('circles.invite.role')}
          hint={t(`circles.invite.roleHint.${role}`)}
          name="role"
          value={role}
          error={action.error}
          onChange={(e) => setRole(e.target.value as InvitableRole)}
          options={invitableRoles(circle).map((r) => ({ value: r, label: t(`circles.invitedRole.${r}`) }))}
        />
        <fieldset className="field">
          <legend>{t('circles.invite.how')}</legend>
          <ul className="check-list">
            {(['link', 'email'] as const).map((h) => (
              <li key={h}>
                <label className="check">
                  <input type="radio" name="how" value={h} checked={how === h} onChange={() => setHow(h)} />
                  {t(`circles.invite.by.${h}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {how === 'email' && (
          <TextField
            label={t('circles.invite.email')}
            hint={t('circles.invite.emailHint')}
            name="email"
            type="email"
            autoComplete="off"
            required
            value={email}
            error={action.error}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        <div className="actions">
          <SubmitButton pending={action.pending}>
            {how === 'link' ? t('circles.invite.createLink') : t('circles.invite.send')}
          </SubmitButton>
        </div>
      </form>
      <div className="circle-live">
        {result?.url && (
          <div className="notice invite-link">
            {result.mailHeld ? (
              <>
                <p>
                  <strong>{t('feedback.link.noMail')}</strong>
                </p>
                <p>{t('feedback.link.noMailText', { email: result.email ?? '' })}</p>
              </>
            ) : (
              <p>
                <strong>
                  {t('circles.invite.linkReady', { role: t(`circles.invitedRole.${result.role}`) })}
                </strong>
              </p>
            )}
            <p>{t('circles.invite.linkOnce', { date: formatDate(result.expiresAt) })}</p>
            <div className="field">
              <label htmlFor={linkId}>{t('circles.invite.link')}</label>
              <div className="inline-input">
                <input
                  id={linkId}
                  ref={linkRef}
                  readOnly
                  value={result.url}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <button type="button" className="button secondary" onClick={() => void copy()}>
                  {t('circles.invite.copy')}
                </button>
              </div>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function OpenInvitations({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = [...supportKeys.circle(circle.id), 'invitations'];
  const invitations = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: Invitation[] }>(`${circlePath(circle.id)}/invitations`),
  });
  return (
    <section className="section" aria-labelledby="circle-invitations">
      <h2 id="circle-invitations">{t('circles.invite.openTitle')}</h2>
      <QueryView
        query={invitations}
        isEmpty={(d) => d.items.length === 0}
        empty={t('circles.invite.openEmpty')}
      >
        {(d) => (
          <ul className="card-list circle-invitations">
            {d.items.map((i) => (
              <li key={i.id} className="card">
                <p>
                  <strong>{i.email ?? t('circles.invite.byLink')}</strong>
                  {' · '}
                  {t(`circles.invitedRole.${i.role}`)}
                </p>
                <p className="meta">
                  {t('circles.invite.dates', {
                    created: formatDate(i.createdAt),
                    expires: formatDate(i.expiresAt),
                  })}
                </p>
                {circle.status === 'active' && (
                  <ConfirmButton
                    className="button secondary"
                    label={t('circles.invite.revoke')}
                    title={t('circles.invite.revokeTitle')}
                    message={<p>{t('circles.invite.revokeText')}</p>}
                    confirmLabel={t('circles.invite.revokeConfirm')}
                    done={t('circles.done.invitationRevoked')}
                    onConfirm={async () => {
                      await api(`${circlePath(circle.id)}/invitations/${i.id}`, { method: 'DELETE' });
                      await qc.invalidateQueries({ queryKey: key });
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

const toggles = ['notifyNeeds', 'notifyUpdates', 'notifyReminders', 'notifyEmail'] as const;

/** My own notification settings for this circle. */
function SettingsSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [s, setS] = useState<Settings>(circle.mySettings);
  const action = useAction();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ok = await action.run(async () => {
      if (!Number.isInteger(s.reminderHours) || s.reminderHours < 1 || s.reminderHours > 168)
        throw invalid(t('circles.form.invalid'), { reminderHours: t('circles.settings.reminderRange') });
      await api<Settings>(`${circlePath(circle.id)}/settings`, { method: 'PUT', body: s });
    }, e.currentTarget);
    if (ok) await qc.invalidateQueries({ queryKey: supportKeys.circle(circle.id), exact: true });
  }

  return (
    <section className="section" aria-labelledby="circle-settings">
      <h2 id="circle-settings">{t('circles.settings.title')}</h2>
      <form className="card stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormError error={action.error} fields={[...toggles, 'reminderHours']} />
        <fieldset className="field">
          <legend>{t('circles.settings.legend')}</legend>
          <ul className="check-list">
            {toggles.map((k) => (
              <li key={k}>
                <label className="check">
                  <input
                    type="checkbox"
                    name={k}
                    checked={s[k]}
                    onChange={(e) => setS({ ...s, [k]: e.target.checked })}
                  />
                  {t(`circles.settings.${k}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <TextField
          label={t('circles.settings.reminderHours')}
          hint={t('circles.settings.reminderHint')}
          name="reminderHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          disabled={!s.notifyReminders}
          value={Number.isNaN(s.reminderHours) ? '' : String(s.reminderHours)}
          error={action.error}
          onChange={(e) => setS({ ...s, reminderHours: e.target.valueAsNumber })}
        />
        <div className="actions">
          <SubmitButton pending={action.pending}>{t('common.save')}</SubmitButton>
        </div>
        <Saved show={action.done}>{t('circles.settings.saved')}</Saved>
      </form>
    </section>
  );
}
