import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, TextAreaField, useAction } from '../../../app/forms.tsx';
import { ConfirmButton, formatDate } from '../../../app/ui.tsx';
import { bridgesKeys } from './queries.ts';
import type { Bridge, BridgeSide } from './types.ts';

/** The two sides as they play in the reason: who has the thing, who seeks it; mine and the other. */
export function sidesOf(b: Bridge) {
  const [a, z] = b.sides as [BridgeSide, BridgeSide];
  const giver = b.reason.giver === 'a' ? a : z;
  const seeker = b.reason.giver === 'a' ? z : a;
  const mine = b.sides.find((s) => s.mine) ?? null;
  const other = mine ? (b.sides.find((s) => s !== mine) ?? null) : null;
  // the two as a reader names them: one's own side first, else in alphabetical order (not by id)
  const [first, second] = mine && other ? [mine, other] : a.name.localeCompare(z.name) <= 0 ? [a, z] : [z, a];
  return { a, z, giver, seeker, mine, other, first, second };
}

/** "Bäckerei Yilmaz could host the Pflegedienst": what the suggestion is, in one line. */
export function useHeadline() {
  const { t } = useTranslation();
  return (b: Bridge) => {
    const { giver, seeker } = sidesOf(b);
    return t(`placesBridges.headline.${b.reason.theme}`, { giver: giver.name, seeker: seeker.name });
  };
}

const statusTone = { open: 'wait', accepted: 'wait', not_now: 'bad', introduced: 'good' } as const;

export function StatusPill({ b }: { b: Bridge }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill ${statusTone[b.status]}`}>{t(`placesBridges.status.${b.status}`)}</span>
  );
}

/** Why the two fit, and why they do not know each other yet: the reason as the server gave it. */
export function Reason({ b }: { b: Bridge }) {
  const { t } = useTranslation();
  const { first: a, second: z, giver, seeker } = sidesOf(b);
  const sector = (s: BridgeSide) =>
    s.sector === 'community' ? t('placesBridges.community') : t(`sector.${s.sector}`);
  const params = {
    offer: b.reason.offer.title,
    need: b.reason.need.title,
    giver: giver.name,
    seeker: seeker.name,
  };
  const far =
    b.reason.differentSector && b.reason.differentDistrict
      ? 'both'
      : b.reason.differentSector
        ? 'sector'
        : 'district';
  return (
    <>
      <p>
        {t(b.reason.need.type === 'community' ? 'placesBridges.fitCommunity' : 'placesBridges.fit', params)}
      </p>
      {/* how busy it was when suggested: no longer news once they were introduced */}
      {b.reason.offer.idle && b.status !== 'introduced' && <p>{t('placesBridges.idle', params)}</p>}
      <p className="meta">
        {t('placesBridges.farLine', {
          far: t(`placesBridges.far.${far}`, {
            sectors: `${sector(a)} · ${sector(z)}`,
            districts: `${a.district ?? '–'} · ${z.district ?? '–'}`,
          }),
          steps: t(b.reason.steps === null ? 'placesBridges.steps.none' : 'placesBridges.steps.some'),
        })}
      </p>
    </>
  );
}

/** Where the suggestion stands, said from the reader's side. */
function StateLine({ b }: { b: Bridge }) {
  const { t } = useTranslation();
  const { a, z, mine, other } = sidesOf(b);
  if (b.status === 'introduced' && b.introduced)
    return (
      <p>
        {t(
          b.introduced.via === 'coordinator'
            ? 'placesBridges.state.introducedByCoordinator'
            : 'placesBridges.state.introduced',
          {
            date: formatDate(b.introduced.at),
          },
        )}
      </p>
    );
  if (b.status === 'not_now' && b.notNow)
    return (
      <>
        <p>{t('placesBridges.state.notNow', { date: formatDate(b.notNow.until) })}</p>
        {b.notNow.reason && (
          <p className="meta">{t('placesBridges.state.notNowReason', { reason: b.notNow.reason })}</p>
        )}
      </>
    );
  if (b.status === 'accepted') {
    if (mine && other)
      return (
        <p>
          {other.accepted
            ? t('placesBridges.state.otherAccepted', { name: other.name })
            : t('placesBridges.state.iAccepted', { name: other.name })}
        </p>
      );
    const yes = a.accepted ? a : z;
    return <p>{t('placesBridges.state.accepted', { name: yes.name })}</p>;
  }
  return <p>{t('placesBridges.state.open')}</p>;
}

/** After the introduction: the way to the other side, through the network. */
function Contact({ b, sub }: { b: Bridge; sub: 'h3' | 'h4' }) {
  const { t } = useTranslation();
  const { other } = sidesOf(b);
  const titleId = useId();
  const Sub = sub;
  if (b.status !== 'introduced' || !other) return null;
  return (
    <section aria-labelledby={titleId} className="bridge-contact">
      <Sub id={titleId}>{t('placesBridges.contact.title', { name: other.name })}</Sub>
      <p>
        {other.type === 'organisation' ? (
          <Link className="button secondary" to={`/organisationen/${encodeURIComponent(other.slug)}/anfrage`}>
            {t('placesBridges.contact.organisation', { name: other.name })}
          </Link>
        ) : (
          <Link className="button secondary" to={`/raeume/gemeinschaften/${encodeURIComponent(other.slug)}`}>
            {t('placesBridges.contact.community', { name: other.name })}
          </Link>
        )}
      </p>
      <p className="meta">{t('placesBridges.contact.note')}</p>
    </section>
  );
}

/** "Did you meet?": asked some weeks after the introduction, answered with one click. */
function FollowUp({ b, sub, onChanged }: { b: Bridge; sub: 'h3' | 'h4'; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const step = useAction();
  const titleId = useId();
  const Sub = sub;
  const f = b.followUp;
  if (!f) return null;
  if (f.outcome === 'interaction') return <p>{t('placesBridges.followUp.found')}</p>;
  if (!b.abilities.answer) {
    if (f.answer !== null)
      return (
        <p>{t(f.answer ? 'placesBridges.followUp.answeredYes' : 'placesBridges.followUp.answeredNo')}</p>
      );
    if (f.outcome === 'met') return <p>{t('placesBridges.followUp.met')}</p>;
    return <p className="meta">{t('placesBridges.followUp.due', { date: formatDate(f.dueAt) })}</p>;
  }
  const answer = (met: boolean) =>
    void step.run(
      async () => {
        await api(`/places/bridges/${b.id}/follow-up`, { method: 'POST', body: { met } });
        await onChanged();
      },
      null,
      t(met ? 'placesBridges.followUp.doneYes' : 'placesBridges.followUp.doneNo'),
    );
  return (
    <section aria-labelledby={titleId} className="bridge-follow-up">
      <Sub id={titleId}>{t('placesBridges.followUp.title')}</Sub>
      <p>{t('placesBridges.followUp.text')}</p>
      <FormError error={step.error} />
      <div className="actions">
        <button type="button" className="button primary" disabled={step.pending} onClick={() => answer(true)}>
          {t('placesBridges.followUp.yes')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={step.pending}
          onClick={() => answer(false)}
        >
          {t('placesBridges.followUp.no')}
        </button>
      </div>
    </section>
  );
}

/** Yes, not now, and for the coordinator: introduce directly. Each one that reaches others is confirmed first. */
function Actions({ b, onChanged }: { b: Bridge; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { first: a, second: z, other } = sidesOf(b);
  const [reason, setReason] = useState('');
  const name = other?.name ?? '';
  const post = async (path: string, body?: object) => {
    const r = await api<Bridge>(`/places/bridges/${b.id}/${path}`, {
      method: 'POST',
      ...(body ? { body } : {}),
    });
    await onChanged();
    return r;
  };
  if (!b.abilities.accept && !b.abilities.setAside && !b.abilities.introduce) return null;
  return (
    <div className="actions">
      {b.abilities.accept && (
        <ConfirmButton
          className="button primary"
          label={t('placesBridges.accept.label')}
          accessibleName={t('placesBridges.accept.named', { name })}
          title={t('placesBridges.accept.title')}
          message={t(other?.accepted ? 'placesBridges.accept.textSecond' : 'placesBridges.accept.text', {
            name,
          })}
          confirmLabel={t('placesBridges.accept.label')}
          onConfirm={() => post('accept')}
          done={(r) =>
            t(
              (r as Bridge).status === 'introduced'
                ? 'placesBridges.accept.doneIntroduced'
                : 'placesBridges.accept.done',
              {
                name,
              },
            )
          }
        />
      )}
      {b.abilities.introduce && (
        <ConfirmButton
          className="button secondary"
          label={t('placesBridges.introduce.label')}
          accessibleName={t('placesBridges.introduce.named', { a: a.name, b: z.name })}
          title={t('placesBridges.introduce.title')}
          message={t('placesBridges.introduce.text', { a: a.name, b: z.name })}
          confirmLabel={t('placesBridges.introduce.confirm')}
          onConfirm={() => post('introduce')}
          done={t('placesBridges.introduce.done', { a: a.name, b: z.name })}
        />
      )}
      {b.abilities.setAside && (
        <ConfirmButton
          className="button secondary"
          label={t('placesBridges.notNow.label')}
          accessibleName={t('placesBridges.notNow.named', { name: name || `${a.name}, ${z.name}` })}
          title={t('placesBridges.notNow.title')}
          message={t('placesBridges.notNow.text', { name: name || `${a.name}, ${z.name}` })}
          confirmLabel={t('placesBridges.notNow.confirm')}
          onConfirm={() => post('not-now', { reason })}
          done={t('placesBridges.notNow.done')}
        >
          <TextAreaField
            label={t('placesBridges.notNow.reason')}
            hint={t('placesBridges.notNow.reasonHint')}
            name="reason"
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </ConfirmButton>
      )}
    </div>
  );
}

/**
 * One suggestion: what it is, why it fits, why the two are far apart, where it stands, and what the
 * reader may do — never a person's name. `link`: the headline leads to the suggestion's own page.
 */
export function BridgeCard({ b, link = false, level = 3 }: { b: Bridge; link?: boolean; level?: 2 | 3 }) {
  const qc = useQueryClient();
  const headline = useHeadline();
  const titleId = `bridge-${b.id}`;
  const Heading = level === 2 ? 'h2' : 'h3';
  const refresh = () => qc.invalidateQueries({ queryKey: bridgesKeys.all() });
  return (
    <article className="card bridge-card" aria-labelledby={titleId}>
      <Heading id={titleId} tabIndex={-1}>
        {link ? <Link to={`/raeume/bruecken/${b.id}`}>{headline(b)}</Link> : headline(b)}
      </Heading>
      <p>
        <StatusPill b={b} />
      </p>
      <Reason b={b} />
      <StateLine b={b} />
      <Contact b={b} sub={level === 2 ? 'h3' : 'h4'} />
      <FollowUp b={b} sub={level === 2 ? 'h3' : 'h4'} onChanged={refresh} />
      <Actions b={b} onChanged={refresh} />
    </article>
  );
}
