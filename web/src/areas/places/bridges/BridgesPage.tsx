import './bridges.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { SelectField } from '../../../app/forms.tsx';
import { useSession } from '../../../app/session.tsx';
import { PageHeading, Pagination, QueryView, ScrollRegion } from '../../../app/ui.tsx';
import { BridgeCard } from './BridgeParts.tsx';
import { bridgesKeys } from './queries.ts';
import type { Bridge, BridgeHitRate, Bridges } from './types.ts';

const pageSize = 10;
const statuses = ['open', 'accepted', 'not_now', 'introduced'] as const;

/** The suggestions concerning the organisations and communities the reader speaks for. */
function Mine({ speaks }: { speaks: boolean }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: bridgesKeys.all('mine'),
    queryFn: () => api<Bridges>('/places/bridges', { query: { scope: 'mine', limit: 100 } }),
  });
  return (
    <section aria-labelledby="mine-title" className="stack">
      <h2 id="mine-title" tabIndex={-1}>
        {t('placesBridges.mine.title')}
      </h2>
      <QueryView
        query={list}
        isEmpty={(d) => d.items.length === 0}
        empty={t(speaks ? 'placesBridges.mine.none' : 'placesBridges.mine.nobody')}
      >
        {(d) => (
          <ul className="card-list">
            {d.items.map((b: Bridge) => (
              <li key={b.id}>
                <BridgeCard b={b} link />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** Every suggestion in the network and its state, for the network's coordinator. */
function All() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: bridgesKeys.all('all', status, offset),
    queryFn: () =>
      api<Bridges>('/places/bridges', {
        query: { scope: 'all', limit: pageSize, offset, ...(status ? { status } : {}) },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="all-title" className="stack">
      <h2 id="all-title" tabIndex={-1}>
        {t('placesBridges.all.title')}
      </h2>
      <SelectField
        label={t('placesBridges.all.status')}
        name="status"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value);
          setOffset(0);
        }}
        options={[
          { value: '', label: t('placesBridges.all.any') },
          ...statuses.map((s) => ({ value: s, label: t(`placesBridges.status.${s}`) })),
        ]}
      />
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={t('placesBridges.all.none')}>
        {(d) => (
          <>
            <p>{t('placesBridges.all.count', { count: d.total })}</p>
            <ul className="card-list">
              {d.items.map((b) => (
                <li key={b.id}>
                  <BridgeCard b={b} link />
                </li>
              ))}
            </ul>
            <Pagination
              total={d.total}
              limit={d.limit}
              offset={d.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('all-title')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

/** How many introductions led to an interaction, month by month, small cells hidden. */
function HitRate() {
  const { t } = useTranslation();
  const rate = useQuery({
    queryKey: bridgesKeys.hitRate(),
    queryFn: () => api<BridgeHitRate>('/places/bridges/hit-rate'),
  });
  const monthName = (m: string) => {
    const [y = 0, mo = 1] = m.split('-').map(Number);
    return new Intl.DateTimeFormat(t('localeTag'), {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, mo - 1, 1)));
  };
  const percent = (r: number | null) =>
    r === null ? '–' : new Intl.NumberFormat(t('localeTag'), { style: 'percent' }).format(r);
  type Cell = BridgeHitRate['total'];
  const cells = (c: Cell, min: number) =>
    c.suppressed ? (
      <>
        <td className="num" colSpan={3}>
          {t('placesBridges.hitRate.fewer', { min })}
        </td>
        <td className="num">
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{t('placesBridges.hitRate.notShown')}</span>
        </td>
      </>
    ) : (
      <>
        <td className="num">{c.introduced}</td>
        <td className="num">{c.hits}</td>
        <td className="num">{c.waiting}</td>
        <td className="num">{percent(c.rate)}</td>
      </>
    );
  return (
    <section aria-labelledby="rate-title" className="stack">
      <h2 id="rate-title">{t('placesBridges.hitRate.title')}</h2>
      <p>{t('placesBridges.hitRate.lead')}</p>
      <QueryView query={rate}>
        {(d) => (
          <>
            <ScrollRegion label={t('placesBridges.hitRate.caption')}>
              <table>
                <caption className="visually-hidden">{t('placesBridges.hitRate.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('placesBridges.hitRate.month')}</th>
                    <th scope="col" className="num">
                      {t('placesBridges.hitRate.introduced')}
                    </th>
                    <th scope="col" className="num">
                      {t('placesBridges.hitRate.hits')}
                    </th>
                    <th scope="col" className="num">
                      {t('placesBridges.hitRate.waiting')}
                    </th>
                    <th scope="col" className="num">
                      {t('placesBridges.hitRate.rate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.months].reverse().map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{monthName(m.month)}</th>
                      {cells(m, d.minPeople)}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('placesBridges.hitRate.total')}</th>
                    {cells(d.total, d.minPeople)}
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
            <p className="meta">{t('placesBridges.hitRate.note', { min: d.minPeople })}</p>
          </>
        )}
      </QueryView>
    </section>
  );
}

/**
 * Bridges worth building (/raeume/bruecken): for the people who speak for an organisation or a
 * community, the suggestions for it with the reason, yes and "not now"; for the network's coordinator
 * also all suggestions with their state and the hit rate. Phone first: one column of cards.
 */
export function BridgesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const coordinator = session.abilities.administer;
  const speaks = (session.account?.memberships ?? []).some((m) => m.role === 'admin' || m.role === 'staff');
  return (
    <>
      <PageHeading title={t('placesBridges.title')}>
        <p className="lead">{t('placesBridges.lead')}</p>
      </PageHeading>
      <Mine speaks={speaks} />
      {coordinator && (
        <>
          <All />
          <HitRate />
        </>
      )}
    </>
  );
}
