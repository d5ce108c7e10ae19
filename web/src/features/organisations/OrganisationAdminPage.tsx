import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { CopyLink } from '../../app/CopyLink.tsx';
import { FormError, Saved, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { Invitation, Member, Organisation, Role } from '../../app/types.ts';
import { ConfirmButton, ErrorState, formatDate, Loading, PageHeading, QueryView } from '../../app/ui.tsx';
import { EnquiriesSection } from '../help/EnquiriesSection.tsx';
import { roleOptions } from './labels.ts';
import { OrganisationFederationSection, useOrganisationFederation } from './OrganisationFederation.tsx';
import { OrganisationForm } from './OrganisationForm.tsx';
import { useOrganisation } from './OrganisationPage.tsx';
import { ServicesSection } from './OrganisationServices.tsx';

function MemberRow({ org, member }: { org: Organisation; member: Member }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { session } = useSession();
  const [role, setRole] = useState<Role>(member.role);
  const change = useAction();
  const isMe = session.account?.id === member.accountId;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['members', org.id] }),
      qc.invalidateQueries({ queryKey: ['organisation'] }),
      qc.invalidateQueries({ queryKey: ['session'] }),
    ]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void change.run(async () => {
      await api(`/organisations/${org.id}/members/${member.accountId}`, { method: 'PUT', body: { role } });
      await refresh();
    }, e.currentTarget);
  }

  return (
    <li className="card member">
      <div className="member-head">
        <h3>
          <Link to={`/personen/${member.accountId}`}>{member.displayName}</Link>
          {isMe && <span className="muted"> ({t('orgAdmin.you')})</span>}
        </h3>
        <p className="meta">
          {t(`role.${member.role}`)} · {t('orgAdmin.since', { date: formatDate(member.since) })}
        </p>
      </div>
      {org.abilities.manageMembers && (
        <div className="member-actions">
          <form onSubmit={submit} noValidate className="inline-form">
            <SelectField
              label={t('orgAdmin.roleFor', { name: member.displayName })}
              name="role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              options={roleOptions(t)}
              error={change.error}
            />
            <button
              type="submit"
              className="button secondary"
              disabled={change.pending || role === member.role}
            >
              {t('orgAdmin.changeRole')}
            </button>
          </form>
          <FormError error={change.error} fields={['role']} />
          <Saved show={change.done}>{t('orgAdmin.roleChanged', { name: member.displayName })}</Saved>
          <ConfirmButton
            label={isMe ? t('orgAdmin.leave') : t('orgAdmin.remove')}
            title={isMe ? t('orgAdmin.leaveTitle') : t('orgAdmin.removeTitle', { name: member.displayName })}
            message={
              <p>
                {isMe
                  ? t('orgAdmin.leaveText', { organisation: org.name })
                  : t('orgAdmin.removeText', { name: member.displayName, organisation: org.name })}
              </p>
            }
            confirmLabel={isMe ? t('orgAdmin.leave') : t('orgAdmin.remove')}
            done={
              isMe
                ? t('orgAdmin.done.left', { organisation: org.name })
                : t('orgAdmin.done.removed', { name: member.displayName, organisation: org.name })
            }
            onConfirm={async () => {
              await api(`/organisations/${org.id}/members/${member.accountId}`, { method: 'DELETE' });
              await refresh();
            }}
          />
        </div>
      )}
    </li>
  );
}

function Members({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: ['members', org.id],
    queryFn: () => api<{ items: Member[] }>(`/organisations/${org.id}/members`),
    select: (d) => d.items,
  });
  return (
    <section aria-labelledby="members-title" className="section">
      <h2 id="members-title">{t('orgAdmin.members')}</h2>
      <QueryView query={members} isEmpty={(m) => m.length === 0} empty={t('orgAdmin.noMembers')}>
        {(items) => (
          <ul className="card-list">
            {items.map((m) => (
              <MemberRow key={m.accountId} org={org} member={m} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function Invitations({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('volunteer');
  const [lastSent, setLastSent] = useState('');
  // an invitation whose email cannot be sent (no mail server): its link, shown to the inviter once
  const [held, setHeld] = useState<Invitation | null>(null);
  const create = useAction();
  const list = useQuery({
    queryKey: ['invitations', org.id],
    queryFn: () => api<{ items: Invitation[] }>(`/organisations/${org.id}/invitations`),
    select: (d) => d.items,
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setHeld(null);
    void create.run(
      async () => {
        const inv = await api<Invitation>(`/organisations/${org.id}/invitations`, {
          method: 'POST',
          body: { email: email.trim(), role },
        });
        setHeld(inv.mailHeld && inv.url ? inv : null);
        setLastSent(email.trim());
        setEmail('');
        await qc.invalidateQueries({ queryKey: ['invitations', org.id] });
        return inv;
      },
      e.currentTarget,
      (inv) => (inv.mailHeld ? t('feedback.link.noMail') : undefined),
    );
  }

  return (
    <section aria-labelledby="invitations-title" className="section">
      <h2 id="invitations-title">{t('orgAdmin.invitations')}</h2>
      <form onSubmit={submit} noValidate className="card">
        <h3>{t('orgAdmin.invite')}</h3>
        <p>{t('orgAdmin.inviteText')}</p>
        <FormError error={create.error} fields={['email', 'role']} />
        <TextField
          label={t('orgAdmin.inviteEmail')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={create.error}
        />
        <SelectField
          label={t('orgAdmin.inviteRole')}
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={roleOptions(t)}
          error={create.error}
        />
        <SubmitButton pending={create.pending}>{t('orgAdmin.inviteSubmit')}</SubmitButton>
        <Saved show={create.done && !held}>{t('orgAdmin.inviteSent', { email: lastSent })}</Saved>
        {held?.url && (
          <div className="notice">
            <p>
              <strong>{t('feedback.link.noMail')}</strong>
            </p>
            <p>{t('feedback.link.noMailText', { email: held.email })}</p>
            <CopyLink label={t('feedback.link.label', { email: held.email })} url={held.url} focusOnShow />
          </div>
        )}
      </form>
      <h3>{t('orgAdmin.openInvitations')}</h3>
      <QueryView query={list} isEmpty={(l) => l.length === 0} empty={t('orgAdmin.noInvitations')}>
        {(items) => (
          <ul className="card-list">
            {items.map((i) => (
              <li key={i.id} className="card invitation">
                <p>
                  <strong>{i.email}</strong> · {t(`role.${i.role}`)}
                </p>
                <p className="meta">
                  {t('orgAdmin.invitedOn', { date: formatDate(i.createdAt), until: formatDate(i.expiresAt) })}
                </p>
                <ConfirmButton
                  label={t('orgAdmin.withdraw')}
                  title={t('orgAdmin.withdrawTitle')}
                  message={<p>{t('orgAdmin.withdrawText', { email: i.email })}</p>}
                  confirmLabel={t('orgAdmin.withdraw')}
                  done={t('orgAdmin.done.withdrawn', { email: i.email })}
                  onConfirm={async () => {
                    await api(`/organisations/${org.id}/invitations/${encodeURIComponent(i.id)}`, {
                      method: 'DELETE',
                    });
                    await qc.invalidateQueries({ queryKey: ['invitations', org.id] });
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** /organisationen/:slug/verwaltung: details, members and invitations, each shown only if allowed. */
export default function OrganisationAdminPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const qc = useQueryClient();
  const org = useOrganisation(slug);
  // asked only by those who may (the ability); null while federation is off on this server
  const federation = useOrganisationFederation(org.data);
  if (org.isPending) return <Loading />;
  if (org.isError) {
    return (
      <>
        <PageHeading title={t('orgAdmin.title')} />
        <ErrorState error={org.error} />
      </>
    );
  }
  const o = org.data;
  const a = o.abilities;
  if (!a.update && !a.viewMembers && !a.invite && !a.readEnquiries) {
    return (
      <>
        <PageHeading title={t('orgAdmin.title')} />
        <p role="alert">{t('orgAdmin.notAllowed')}</p>
        <Link to={`/organisationen/${o.slug}`}>{t('orgAdmin.backTo', { name: o.name })}</Link>
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('orgAdmin.titleFor', { name: o.name })}>
        <p>
          <Link to={`/organisationen/${o.slug}`}>{t('orgAdmin.backTo', { name: o.name })}</Link>
        </p>
      </PageHeading>
      <nav aria-label={t('orgAdmin.sections')} className="toc">
        <ul>
          {a.readEnquiries && (
            <li>
              <a href="#anfragen">{t('help.admin.title')}</a>
            </li>
          )}
          {a.update && (
            <li>
              <a href="#details-title">{t('orgAdmin.details')}</a>
            </li>
          )}
          {a.update && (
            <li>
              <a href="#services-title">{t('orgServices.adminTitle')}</a>
            </li>
          )}
          {a.viewMembers && (
            <li>
              <a href="#members-title">{t('orgAdmin.members')}</a>
            </li>
          )}
          {a.invite && (
            <li>
              <a href="#invitations-title">{t('orgAdmin.invitations')}</a>
            </li>
          )}
          {federation.data && (
            <li>
              <a href="#federation-title">{t('orgFederation.title')}</a>
            </li>
          )}
        </ul>
      </nav>
      {a.readEnquiries && <EnquiriesSection org={o} />}
      {a.update && (
        <section aria-labelledby="details-title" className="section">
          <h2 id="details-title">{t('orgAdmin.details')}</h2>
          <div className="card">
            <OrganisationForm
              initial={o}
              submitLabel={t('orgForm.save')}
              onSubmit={async (draft) => {
                const next = await api<Organisation>(`/organisations/${o.id}`, {
                  method: 'PATCH',
                  body: draft,
                });
                qc.setQueryData(['organisation', slug], next);
                await qc.invalidateQueries({ queryKey: ['organisations'] });
              }}
            />
          </div>
        </section>
      )}
      {a.update && <ServicesSection org={o} />}
      {a.viewMembers && <Members org={o} />}
      {a.invite && <Invitations org={o} />}
      {a.administerFederation && <OrganisationFederationSection org={o} />}
    </>
  );
}
