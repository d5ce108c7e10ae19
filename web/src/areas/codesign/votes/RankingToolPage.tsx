import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import type { OnBehalf, ToolPageProps } from '../tools.tsx';
import type { Vote } from './types.ts';
import { useStoreVote, VoteFrame } from './VotesParts.tsx';

function RankingVote({ vote, toolId, onBehalf }: { vote: Vote; toolId: string; onBehalf: OnBehalf | null }) {
  const { t } = useTranslation();
  const store = useStoreVote(toolId);
  const action = useAction();
  const saved = vote.ranking?.mine ?? [];
  const [order, setOrder] = useState<string[]>(saved);
  const savedKey = saved.join(',');
  // a new answer (saved, or another person chosen) starts from what is stored
  useEffect(() => setOrder(savedKey ? savedKey.split(',') : []), [savedKey]);
  const places = vote.ranking?.places ?? 3;
  const title = (id: string) => vote.options.find((o) => o.id === id)?.title ?? '';
  const rest = vote.options.filter((o) => !order.includes(o.id));
  const changed = order.join(',') !== savedKey;
  const canVote = vote.tool.open && (vote.tool.may.participate || (vote.tool.may.facilitate && onBehalf));

  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (!item) return;
    next.splice(i + by, 0, item);
    setOrder(next);
    requestAnimationFrame(() => document.getElementById(`rank-${item}-${by < 0 ? 'up' : 'down'}`)?.focus());
  };
  const save = (ids: string[]) =>
    void action.run(
      async () => {
        const v = await api<Vote>(`/codesign/votes/${toolId}/ranking`, {
          method: 'PUT',
          body: { optionIds: ids, ...(onBehalf ? { onBehalf } : {}) },
        });
        await store(v, onBehalf);
      },
      null,
      t(ids.length ? 'codesignVotes.ranking.saved' : 'codesignVotes.ranking.withdrawn'),
    );

  if (vote.options.length === 0)
    return (
      <section className="card" aria-labelledby="votes-mine">
        <h2 id="votes-mine">{t('codesignVotes.ranking.title')}</h2>
        <p>{t('codesignVotes.noOptionsYet')}</p>
      </section>
    );

  return (
    <section className="card" aria-labelledby="votes-mine">
      <h2 id="votes-mine">
        {t(onBehalf ? 'codesignVotes.ranking.titleFor' : 'codesignVotes.ranking.title')}
      </h2>
      <p>{t('codesignVotes.ranking.how', { places })}</p>
      <FormError error={action.error} />
      <h3>{t('codesignVotes.ranking.order')}</h3>
      {order.length === 0 ? (
        <p>{t('codesignVotes.ranking.empty')}</p>
      ) : (
        <ol className="votes-ranking">
          {order.map((id, i) => (
            <li key={id} className="votes-option">
              <div className="votes-option-text">
                <span className="votes-place">{t('codesignVotes.ranking.place', { place: i + 1 })}</span>{' '}
                <strong>{title(id)}</strong>
              </div>
              {canVote && (
                <div className="actions">
                  <button
                    type="button"
                    id={`rank-${id}-up`}
                    className="button secondary"
                    aria-label={t('codesignVotes.ranking.upOf', { title: title(id) })}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <span aria-hidden="true">↑ </span>
                    {t('codesignVotes.ranking.up')}
                  </button>
                  <button
                    type="button"
                    id={`rank-${id}-down`}
                    className="button secondary"
                    aria-label={t('codesignVotes.ranking.downOf', { title: title(id) })}
                    disabled={i === order.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t('codesignVotes.ranking.down')}
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('codesignVotes.ranking.takeOutOf', { title: title(id) })}
                    onClick={() => setOrder(order.filter((x) => x !== id))}
                  >
                    {t('codesignVotes.ranking.takeOut')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {canVote && rest.length > 0 && (
        <>
          <h3>{t('codesignVotes.ranking.others')}</h3>
          {order.length >= places && <p className="hint">{t('codesignVotes.ranking.full', { places })}</p>}
          <ul className="votes-options">
            {rest.map((o) => (
              <li key={o.id} className="votes-option">
                <div className="votes-option-text">
                  <strong>{o.title}</strong>
                  {o.description && <p>{o.description}</p>}
                </div>
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t('codesignVotes.ranking.addOf', { title: o.title })}
                  disabled={order.length >= places}
                  onClick={() => setOrder([...order, o.id])}
                >
                  {t('codesignVotes.ranking.add')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {canVote && (
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={action.pending || !changed || order.length === 0}
            onClick={() => save(order)}
          >
            {t('codesignVotes.ranking.save')}
          </button>
          {saved.length > 0 && (
            <button
              type="button"
              className="button secondary"
              disabled={action.pending}
              onClick={() => save([])}
            >
              {t('codesignVotes.ranking.withdraw')}
            </button>
          )}
          {changed && <p className="hint">{t('codesignVotes.ranking.unsaved')}</p>}
        </div>
      )}
    </section>
  );
}

/**
 * Ranking: the person puts up to a few options in order with "up" and "down" buttons (no dragging
 * needed), saves it, and sees the result as a Borda count with the number of first places.
 */
export default function RankingToolPage({ projectId, toolId }: ToolPageProps) {
  return (
    <VoteFrame projectId={projectId} toolId={toolId}>
      {(vote, onBehalf) => <RankingVote vote={vote} toolId={toolId} onBehalf={onBehalf} />}
    </VoteFrame>
  );
}
