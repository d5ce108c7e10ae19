import './help.css';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../app/api.ts';
import { FormError, useAction } from '../../app/forms.tsx';
import type { Organisation } from '../../app/types.ts';
import { formatDate, Pagination, QueryView } from '../../app/ui.tsx';
import type { Enquiry } from './EnquiryPage.tsx';

const pageSize = 20;

interface EnquiryPage {
  items: Enquiry[];
  total: number;
  limit: number;
  offset: number;
  open?: number;
}

function EnquiryItem({ org, e }: { org: Organisation; e: Enquiry }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const action = useAction();
  const answered = e.answeredAt !== null;
  function toggle() {
    void action.run(
      async () => {
        await api(`/organisations/${org.id}/enquiries/${e.id}`, {
          method: 'PATCH',
          body: { answered: !answered },
        });
        await qc.invalidateQueries({ queryKey: ['enquiries', org.id] });
      },
      null,
      t(answered ? 'help.admin.reopened' : 'help.admin.markedAnswered', { subject: e.subject }),
    );
  }
  return (
    <li className={answered ? 'card enquiry answered' : 'card enquiry'}>
      <h3>{e.subject}</h3>
      <p className="prewrap">{e.message}</p>
      <dl className="facts">
        <dt>{t('help.admin.from')}</dt>
        <dd>
          <Link to={`/personen/${e.author.id}`}>{e.author.name}</Link>
        </dd>
        <dt>{t('help.admin.at')}</dt>
        <dd>{formatDate(e.createdAt, true)}</dd>
        <dt>{t('help.admin.contact')}</dt>
        <dd className="prewrap">{e.contact}</dd>
        <dt>{t('help.admin.status')}</dt>
        <dd>
          {answered ? (
            <span className="status-pill good">
              {t('help.admin.answered', { date: formatDate(e.answeredAt) })}
            </span>
          ) : (
            <span className="status-pill wait">{t('help.admin.open')}</span>
          )}
        </dd>
      </dl>
      <FormError error={action.error} />
      <p>
        <button
          type="button"
          className={answered ? 'button secondary' : 'button primary'}
          disabled={action.pending}
          onClick={toggle}
          aria-label={t(answered ? 'help.admin.reopenFor' : 'help.admin.markAnsweredFor', {
            subject: e.subject,
          })}
        >
          {t(answered ? 'help.admin.reopen' : 'help.admin.markAnswered')}
        </button>
      </p>
    </li>
  );
}

/**
 * The enquiries people sent the organisation, on its admin page (its admins only): open ones first,
 * each with who asked, how to reach them and what they wrote, marked answered once answered.
 */
export function EnquiriesSection({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ['enquiries', org.id, onlyOpen, offset],
    queryFn: () =>
      api<EnquiryPage>(`/organisations/${org.id}/enquiries`, {
        query: { status: onlyOpen ? 'open' : undefined, limit: pageSize, offset },
      }),
    placeholderData: keepPreviousData,
  });
  const open = list.data?.open;
  // a notification leads here (…/verwaltung#anfragen): once the list is there, go to it
  const location = useLocation();
  const arrived = useRef(false);
  useEffect(() => {
    if (arrived.current || location.hash !== '#anfragen' || !list.data) return;
    arrived.current = true;
    const heading = document.getElementById('anfragen');
    heading?.scrollIntoView();
    heading?.focus();
  }, [location.hash, list.data]);
  return (
    <section aria-labelledby="anfragen" className="section">
      <h2 id="anfragen" tabIndex={-1}>
        {t('help.admin.title')}
      </h2>
      <p>{t('help.admin.lead', { name: org.name })}</p>
      {open !== undefined && open > 0 && <p className="meta">{t('help.admin.openCount', { count: open })}</p>}
      <fieldset className="segmented">
        <legend>{t('help.admin.filter')}</legend>
        {[true, false].map((v) => (
          <button
            key={String(v)}
            type="button"
            className="button secondary"
            aria-pressed={onlyOpen === v}
            onClick={() => {
              setOnlyOpen(v);
              setOffset(0);
            }}
          >
            {t(v ? 'help.admin.filterOpen' : 'help.admin.filterAll')}
          </button>
        ))}
      </fieldset>
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={onlyOpen ? t('help.admin.noneOpen', { name: org.name }) : t('help.admin.none')}
      >
        {(p) => (
          <>
            <ul className="card-list">
              {p.items.map((e) => (
                <EnquiryItem key={e.id} org={org} e={e} />
              ))}
            </ul>
            <Pagination total={p.total} limit={p.limit} offset={p.offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}
