import './help.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import type { Page } from '../../app/types.ts';
import { formatDate, PageHeading, Pagination, QueryView } from '../../app/ui.tsx';
import type { Enquiry } from './EnquiryPage.tsx';

const pageSize = 20;

/** /hilfe-finden/meine-anfragen: the enquiries I sent, and whether each was answered. */
export default function MyEnquiriesPage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ['enquiries', 'mine', offset],
    queryFn: () => api<Page<Enquiry>>('/me/enquiries', { query: { limit: pageSize, offset } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeading title={t('help.mine.title')}>
        <p className="lead">{t('help.mine.lead')}</p>
      </PageHeading>
      <QueryView
        query={list}
        isEmpty={(p) => p.items.length === 0}
        empty={
          <>
            {t('help.mine.none')} <Link to="/hilfe-finden">{t('help.mine.findHelp')}</Link>
          </>
        }
      >
        {(p) => (
          <>
            <ul className="card-list" id="my-enquiries">
              {p.items.map((e) => (
                <li key={e.id} className="card">
                  <h2 className="enquiry-subject">{e.subject}</h2>
                  <p className="meta">
                    <Link to={`/organisationen/${e.organisation.slug}`}>
                      {t('help.mine.to', { name: e.organisation.name })}
                    </Link>{' '}
                    · {t('help.mine.sentAt', { date: formatDate(e.createdAt) })}
                  </p>
                  <p className="prewrap">{e.message}</p>
                  <p>
                    {e.answeredAt ? (
                      <>
                        <span className="status-pill good">{t('help.mine.answered')}</span>{' '}
                        {t('help.mine.answeredAt', { date: formatDate(e.answeredAt) })}
                      </>
                    ) : (
                      <span className="status-pill wait">{t('help.mine.open')}</span>
                    )}
                  </p>
                </li>
              ))}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('page-title')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </>
  );
}
