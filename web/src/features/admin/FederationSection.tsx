import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api.ts';
import { FormError, Saved, SelectField, SubmitButton, TextField, useAction } from '../../app/forms.tsx';
import { ConfirmButton, Empty, formatDate, QueryView } from '../../app/ui.tsx';
import { useAllOrganisations } from '../organisations/useAllOrganisations.ts';

interface LocalRef {
  id: string;
  kind: 'organisation' | 'community';
  name: string;
  handle: string;
}
interface Overview {
  enabled: boolean;
  handleForm: string;
  follows: {
    localActor: LocalRef;
    remote: { id: string; handle: string; name: string; uri: string; url: string | null; domain: string };
    status: 'pending' | 'accepted';
    createdAt: string;
  }[];
  followers: { localActor: LocalRef; follower: string; domain: string; createdAt: string }[];
  blocks: { domain: string; createdAt: string }[];
}

const key = ['admin', 'federation'];

/** null when federation is off on this server (the API answers 404 then). */
async function loadOverview(): Promise<Overview | null> {
  try {
    return await api<Overview>('/federation');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

function FollowForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useAllOrganisations();
  const [localActor, setLocalActor] = useState('');
  const [remote, setRemote] = useState('');
  const run = useAction();
  const options = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run.run(async () => {
      await api('/federation/follows', {
        method: 'POST',
        body: { localActor: localActor || options[0]?.value || '', remote: remote.trim() },
      });
      setRemote('');
      await qc.invalidateQueries({ queryKey: key });
    }, e.currentTarget);
  }
  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{t('admin.federation.followTitle')}</h3>
      <p>{t('admin.federation.followText')}</p>
      <FormError error={run.error} fields={['localActor', 'remote']} />
      <SelectField
        label={t('admin.federation.localActor')}
        name="localActor"
        value={localActor || options[0]?.value || ''}
        onChange={(e) => setLocalActor(e.target.value)}
        options={options}
        error={run.error}
      />
      <TextField
        label={t('admin.federation.remote')}
        name="remote"
        hint={t('admin.federation.remoteHint')}
        autoComplete="off"
        spellCheck={false}
        value={remote}
        onChange={(e) => setRemote(e.target.value)}
        error={run.error}
      />
      <SubmitButton pending={run.pending}>{t('admin.federation.followSubmit')}</SubmitButton>
      <Saved show={run.done}>{t('admin.federation.followSent')}</Saved>
    </form>
  );
}

function BlockForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [domain, setDomain] = useState('');
  const run = useAction();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void run.run(async () => {
      await api('/federation/blocks', { method: 'POST', body: { domain: domain.trim() } });
      setDomain('');
      await qc.invalidateQueries({ queryKey: key });
    }, e.currentTarget);
  }
  return (
    <form onSubmit={submit} noValidate className="card">
      <h3>{t('admin.federation.blockTitle')}</h3>
      <p>{t('admin.federation.blockText')}</p>
      <FormError error={run.error} fields={['domain']} />
      <TextField
        label={t('admin.federation.domain')}
        name="domain"
        hint={t('admin.federation.domainHint')}
        autoComplete="off"
        spellCheck={false}
        value={domain}
        onChange={(e) => setDomain(e.target.value)}
        error={run.error}
      />
      <SubmitButton pending={run.pending}>{t('admin.federation.blockSubmit')}</SubmitButton>
    </form>
  );
}

/**
 * /verwaltung/foederation: what federates (public events and news only), whom our organisations
 * follow on other instances, who follows them, and which instances are blocked.
 */
export function FederationSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const overview = useQuery({ queryKey: key, queryFn: loadOverview });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return (
    <section aria-labelledby="admin-federation" className="stack">
      <h2 id="admin-federation">{t('admin.federation.title')}</h2>
      <p>{t('admin.federation.what')}</p>
      <p>{t('admin.federation.never')}</p>
      <QueryView query={overview}>
        {(o) =>
          o === null ? (
            <p role="status">{t('admin.federation.off')}</p>
          ) : (
            <>
              <p>{t('admin.federation.handleForm', { form: o.handleForm })}</p>
              <FollowForm />
              <h3>{t('admin.federation.follows')}</h3>
              {o.follows.length === 0 ? (
                <Empty>{t('admin.federation.noFollows')}</Empty>
              ) : (
                <ul className="stack">
                  {o.follows.map((f) => (
                    <li key={`${f.localActor.id}/${f.remote.id}`} className="card">
                      <p>
                        {t('admin.federation.followLine', {
                          local: f.localActor.name,
                          remote: f.remote.name || f.remote.handle || f.remote.uri,
                        })}
                      </p>
                      <p className="muted">
                        {f.remote.handle || f.remote.uri} ·{' '}
                        {f.status === 'accepted'
                          ? t('admin.federation.accepted')
                          : t('admin.federation.pending')}{' '}
                        · {formatDate(f.createdAt)}
                      </p>
                      <ConfirmButton
                        label={t('admin.federation.unfollow')}
                        accessibleName={t('admin.federation.unfollowName', {
                          remote: f.remote.name || f.remote.handle,
                        })}
                        title={t('admin.federation.unfollowTitle', {
                          remote: f.remote.name || f.remote.handle,
                        })}
                        message={<p>{t('admin.federation.unfollowText')}</p>}
                        confirmLabel={t('admin.federation.unfollow')}
                        done={t('admin.federation.unfollowed')}
                        onConfirm={async () => {
                          await api(`/federation/follows/${f.localActor.id}/${f.remote.id}`, {
                            method: 'DELETE',
                          });
                          await refresh();
                        }}
                      />
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('admin.federation.followers')}</h3>
              {o.followers.length === 0 ? (
                <Empty>{t('admin.federation.noFollowers')}</Empty>
              ) : (
                <ul>
                  {o.followers.map((f) => (
                    <li key={`${f.localActor.id}/${f.follower}`}>
                      {t('admin.federation.followerLine', { follower: f.follower, local: f.localActor.name })}
                    </li>
                  ))}
                </ul>
              )}
              <BlockForm />
              <h3>{t('admin.federation.blocks')}</h3>
              {o.blocks.length === 0 ? (
                <Empty>{t('admin.federation.noBlocks')}</Empty>
              ) : (
                <ul className="stack">
                  {o.blocks.map((b) => (
                    <li key={b.domain}>
                      {b.domain} · {formatDate(b.createdAt)}{' '}
                      <ConfirmButton
                        className="button"
                        label={t('admin.federation.unblock')}
                        accessibleName={t('admin.federation.unblockName', { domain: b.domain })}
                        title={t('admin.federation.unblockTitle', { domain: b.domain })}
                        message={<p>{t('admin.federation.unblockText')}</p>}
                        confirmLabel={t('admin.federation.unblock')}
                        done={t('admin.federation.unblocked', { domain: b.domain })}
                        onConfirm={async () => {
                          await api(`/federation/blocks/${encodeURIComponent(b.domain)}`, {
                            method: 'DELETE',
                          });
                          await refresh();
                        }}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
