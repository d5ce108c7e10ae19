import './bridges.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api.ts';
import { PageHeading, QueryView } from '../../../app/ui.tsx';
import { BridgeCard, sidesOf } from './BridgeParts.tsx';
import { bridgesKeys } from './queries.ts';
import type { Bridge } from './types.ts';

/**
 * One suggestion (/raeume/bruecken/:id), where notifications and emails lead: its reason and state,
 * the answers the reader may give, after the introduction the way to the other side and the
 * follow-up. Not found for anyone it does not concern.
 */
export function BridgePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const bridge = useQuery({
    queryKey: bridgesKeys.all('one', id),
    queryFn: () => api<Bridge>(`/places/bridges/${encodeURIComponent(id)}`),
  });
  return (
    <QueryView query={bridge}>
      {(b) => {
        const { first, second } = sidesOf(b);
        return (
          <>
            <PageHeading title={t('placesBridges.detailTitle', { a: first.name, b: second.name })}>
              <p>
                <Link to="/raeume/bruecken">{t('placesBridges.back')}</Link>
              </p>
            </PageHeading>
            <BridgeCard b={b} level={2} />
          </>
        );
      }}
    </QueryView>
  );
}
