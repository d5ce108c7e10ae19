import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUrl } from '../../app/api.ts';
import { formatDateTime, formatMinutes } from '../../app/localTime.ts';
import { PageHeading, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { SharingNav } from '../sharing/index.ts';
import { accountName, transferMemo } from './lib.ts';
import { timebankKeys } from './queries.ts';
import { AccountSwitch, useChosenAccount, useMyAccounts } from './TimebankParts.tsx';
import type { Statement } from './types.ts';

/** /zeitbank/kontoauszug: journal lines, newest first, with the running balance; CSV for all. */
export function StatementPage() {
  const { t } = useTranslation();
  const accounts = useMyAccounts();
  const { chosen, choose } = useChosenAccount(accounts.data?.items);
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('ab') ?? 0) || 0);
  const statement = useQuery({
    queryKey: timebankKeys.timebank('statement', chosen?.id, offset),
    queryFn: () =>
      api<Statement>(`/timebank/accounts/${chosen?.id}/statement`, { query: { limit: 20, offset } }),
    enabled: Boolean(chosen),
    placeholderData: keepPreviousData,
  });
  const goTo = (n: number) => {
    const p = new URLSearchParams(params);
    if (n > 0) p.set('ab', String(n));
    else p.delete('ab');
    setParams(p);
    document.getElementById('results')?.focus();
  };
  return (
    <>
      <PageHeading title={t('sharing.statement.title')}>
        {chosen && (
          <p className="lead">
            {chosen.ownerType === 'person' ? t('timebank.myAccount') : accountName(t, chosen)}
          </p>
        )}
      </PageHeading>
      <SharingNav />
      <QueryView query={accounts}>
        {(a) =>
          chosen && (
            <>
              <AccountSwitch accounts={a.items} value={chosen.id} onChange={choose} />
              <p className="actions">
                <a
                  className="button secondary"
                  href={apiUrl(`/timebank/accounts/${chosen.id}/statement.csv`)}
                  download
                >
                  {t('sharing.statement.csv')}
                </a>
                <Link className="button secondary" to={`/zeitbank?konto=${chosen.id}`}>
                  {t('sharing.nav.timebank')}
                </Link>
              </p>
            </>
          )
        }
      </QueryView>
      <section id="results" tabIndex={-1} aria-labelledby="statement-title">
        <h2 id="statement-title" className="visually-hidden">
          {t('sharing.statement.title')}
        </h2>
        {chosen && (
          <QueryView
            query={statement}
            isEmpty={(s) => s.items.length === 0}
            empty={t('sharing.statement.none')}
          >
            {(s) => (
              <>
                <p role="status">
                  {t('sharing.statement.summary', {
                    count: s.total,
                    balance: formatMinutes(t, s.account.balance ?? 0),
                  })}
                </p>
                <ScrollRegion label={t('sharing.statement.caption')}>
                  <table>
                    <caption className="visually-hidden">{t('sharing.statement.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('sharing.statement.date')}</th>
                        <th scope="col">{t('sharing.statement.counterparty')}</th>
                        <th scope="col" className="num">
                          {t('sharing.statement.amount')}
                        </th>
                        <th scope="col" className="num">
                          {t('sharing.statement.balance')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.items.map((l) => (
                        <tr key={l.entryId}>
                          <td>{formatDateTime(l.at)}</td>
                          <td>
                            {l.counterparty ? accountName(t, l.counterparty) : '–'}
                            {l.kind === 'reversal' && ` (${t('sharing.statement.reversal')})`}
                            {transferMemo(t, l.memo, l.sourceType) && (
                              <>
                                <br />
                                <span className="meta">{transferMemo(t, l.memo, l.sourceType)}</span>
                              </>
                            )}
                          </td>
                          <td className={`num ${l.amount < 0 ? 'amount-out' : 'amount-in'}`}>
                            {l.amount > 0 ? '+' : ''}
                            {formatMinutes(t, l.amount)}
                          </td>
                          <td className="num">{formatMinutes(t, l.balanceAfter)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
                <Pagination total={s.total} limit={s.limit} offset={s.offset} onOffset={goTo} />
              </>
            )}
          </QueryView>
        )}
      </section>
    </>
  );
}
