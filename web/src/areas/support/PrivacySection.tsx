import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { announce, originOf } from '../../app/announce.tsx';
import { api, apiUrl, errorMessage } from '../../app/api.ts';
import { formatDateTime, formatSlot } from '../../app/localTime.ts';
import type { Page } from '../../app/types.ts';
import { ConfirmButton, Pagination, QueryView, ScrollRegion } from '../../app/ui.tsx';
import { CircleFrame } from './CircleFrame.tsx';
import { circlePath, refreshCircle } from './lib.ts';
import { supportKeys } from './queries.ts';
import type { AccessLogEntry, Circle } from './types.ts';

const pageSize = 20;

/** /kreise/:id/datenschutz: for the owner — who looked at what, the whole circle as a file, deletion. */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <CircleFrame section="privacy">
      {(c) => (
        <>
          {!c.abilities.viewAccessLog && !c.abilities.export && !c.abilities.requestDeletion && (
            <p className="hint">{t('circles.privacy.notYours')}</p>
          )}
          {c.abilities.viewAccessLog && <AccessLog circle={c} />}
          {c.abilities.export && <ExportSection circle={c} />}
          {c.abilities.requestDeletion && <DeletionSection circle={c} />}
        </>
      )}
    </CircleFrame>
  );
}

/** "/:id/needs" → the part of the circle a professional read, in words. */
const parts: Record<string, string> = {
  '/:id': 'overview',
  '/:id/needs': 'needs',
  '/:id/load': 'load',
  '/:id/members': 'members',
  '/:id/invitations': 'invitations',
  '/:id/updates': 'updates',
  '/:id/updates/:updateId/attachments/:attachmentId': 'attachment',
  '/:id/team': 'team',
  '/:id/consents': 'consents',
  '/:id/map': 'map',
  '/:id/map/snapshots': 'map',
  '/:id/map/snapshots/:snapshotId': 'map',
  '/:id/map/compare': 'map',
  '/feeds': 'feed',
};

function AccessLog({ circle }: { circle: Circle }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const log = useQuery({
    queryKey: [...supportKeys.circle(circle.id), 'access-log', offset],
    queryFn: () =>
      api<Page<AccessLogEntry>>(`${circlePath(circle.id)}/access-log`, {
        query: { limit: pageSize, offset },
      }),
    placeholderData: (prev) => prev,
  });
  const describe = (e: AccessLogEntry) => {
    const action = e.action.replace(/^circle\./, '');
    if (action === 'read') {
      const part = parts[e.what];
      const name = part ? t(`circles.privacy.part.${part}`) : e.what;
      return e.count > 1
        ? t('circles.privacy.readVisit', { part: name, count: e.count })
        : t('circles.privacy.read', { part: name });
    }
    const key = `circles.privacy.action.${action}`;
    return i18n.exists(key) ? t(key) : e.action;
  };
  return (
    <section className="section" aria-labelledby="circle-log">
      <h2 id="circle-log">{t('circles.privacy.logTitle')}</h2>
      <p className="hint">{t('circles.privacy.logHint')}</p>
      <QueryView query={log} isEmpty={(d) => d.total === 0} empty={t('circles.privacy.logEmpty')}>
        {(d) => (
          <>
            <ScrollRegion label={t('circles.privacy.logCaption')}>
              <table className="access-log">
                <caption className="visually-hidden">{t('circles.privacy.logCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('circles.privacy.when')}</th>
                    <th scope="col">{t('circles.privacy.who')}</th>
                    <th scope="col">{t('circles.privacy.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((e) => (
                    <tr key={e.id} className={e.action === 'circle.read' ? 'is-read' : undefined}>
                      <td>{e.count > 1 ? formatSlot(e.firstAt, e.at) : formatDateTime(e.at)}</td>
                      <td>{e.actor?.name ?? t('circles.privacy.system')}</td>
                      <td>{describe(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pagination total={d.total} limit={pageSize} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function ExportSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="circle-export">
      <h2 id="circle-export">{t('circles.privacy.exportTitle')}</h2>
      <p>{t('circles.privacy.exportText')}</p>
      <p>
        <a
          className="button secondary"
          href={apiUrl(`${circlePath(circle.id)}/export`)}
          download={`kreis-${circle.id}.json`}
        >
          {t('circles.privacy.exportButton')}
        </a>
      </p>
    </section>
  );
}

function DeletionSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [message, setMessage] = useState('');
  const pending = circle.status === 'deletion_requested';
  return (
    <section className="section" aria-labelledby="circle-delete">
      <h2 id="circle-delete">{t('circles.privacy.deleteTitle')}</h2>
      {message && (
        <p className="circle-live" role="alert">
          {message}
        </p>
      )}
      {pending ? (
        <>
          <p>
            {t('circles.privacy.deletePending', {
              date: formatDateTime(circle.purgeAfter ?? circle.createdAt),
            })}
          </p>
          <p>
            <button
              type="button"
              className="button primary"
              onClick={(e) => {
                const origin = originOf(e.currentTarget);
                setMessage('');
                api(`${circlePath(circle.id)}/deletion`, { method: 'DELETE' })
                  .then(async () => {
                    await refreshCircle(qc, circle.id);
                    announce(t('circles.privacy.deleteCancelled'), origin);
                  })
                  .catch((err: unknown) => setMessage(`${t('common.errorPrefix')} ${errorMessage(err)}`));
              }}
            >
              {t('circles.privacy.deleteCancel')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p>{t('circles.privacy.deleteText', { count: circle.deletionGraceDays })}</p>
          <ConfirmButton
            label={t('circles.privacy.deleteButton')}
            title={t('circles.privacy.deleteConfirmTitle', { name: circle.personLabel })}
            message={
              <>
                <p>{t('circles.privacy.deleteConfirmText')}</p>
                <p>{t('circles.privacy.deleteConfirmExport')}</p>
              </>
            }
            confirmLabel={t('circles.privacy.deleteConfirm')}
            onConfirm={async () => {
              await api(`${circlePath(circle.id)}/deletion`, { method: 'POST' });
              await refreshCircle(qc, circle.id);
            }}
            done={t('circles.privacy.deleteRequested')}
          />
        </>
      )}
    </section>
  );
}
