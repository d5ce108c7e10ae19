import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, useAction } from '../../../app/forms.tsx';
import type { OnBehalf, ToolPageProps } from '../tools.tsx';
import type { Vote } from './types.ts';
import { useStoreVote, VoteFrame } from './VotesParts.tsx';

/** One person's dots as small circles (decoration: the number is written beside them). */
function DotRow({ filled, max }: { filled: number; max: number }) {
  return (
    <span className="votes-dots" aria-hidden="true">
      {Array.from({ length: max }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the dots are positions, nothing else
        <span key={i} className={i < filled ? 'votes-dot filled' : 'votes-dot'} />
      ))}
    </span>
  );
}

function DotsVote({ vote, toolId, onBehalf }: { vote: Vote; toolId: string; onBehalf: OnBehalf | null }) {
  const { t } = useTranslation();
  const store = useStoreVote(toolId);
  const action = useAction();
  const dots = vote.dots;
  if (!dots) return null;
  const left = dots.budget - dots.used;
  const mine = (optionId: string) => dots.mine.find((d) => d.optionId === optionId)?.count ?? 0;
  const canVote = vote.tool.open && (vote.tool.may.participate || (vote.tool.may.facilitate && onBehalf));

  const change = (kind: 'place' | 'remove', optionId: string, title: string) =>
    void action.run(
      async () => {
        const v = await api<Vote>(`/codesign/votes/${toolId}/dots`, {
          method: 'POST',
          body: { change: kind, optionId, ...(onBehalf ? { onBehalf } : {}) },
        });
        await store(v, onBehalf);
        return v;
      },
      null,
      (v) =>
        t(kind === 'place' ? 'codesignVotes.dots.placed' : 'codesignVotes.dots.removed', {
          title,
          left: (v.dots?.budget ?? 0) - (v.dots?.used ?? 0),
          budget: v.dots?.budget ?? 0,
        }),
    );

  return (
    <section className="card" aria-labelledby="votes-mine">
      <h2 id="votes-mine">{t(onBehalf ? 'codesignVotes.dots.titleFor' : 'codesignVotes.dots.title')}</h2>
      <p>{t('codesignVotes.dots.how', { budget: dots.budget, max: dots.maxPerOption })}</p>
      {canVote && (
        <p className="votes-left">
          <strong>{t('codesignVotes.dots.left', { left, budget: dots.budget })}</strong>
        </p>
      )}
      <FormError error={action.error} />
      {vote.options.length === 0 ? (
        <p>{t('codesignVotes.noOptionsYet')}</p>
      ) : (
        <ul className="votes-options">
          {vote.options.map((o) => {
            const n = mine(o.id);
            return (
              <li key={o.id} className="votes-option">
                <div className="votes-option-text">
                  <h3>{o.title}</h3>
                  {o.description && <p>{o.description}</p>}
                </div>
                <div className="votes-option-dots">
                  <DotRow filled={n} max={dots.maxPerOption} />
                  <span>{t('codesignVotes.dots.onOption', { count: n })}</span>
                  {canVote && (
                    <span className="votes-stepper">
                      <button
                        type="button"
                        className="button secondary"
                        aria-label={t('codesignVotes.dots.removeOne', { title: o.title })}
                        disabled={action.pending || n === 0}
                        onClick={() => change('remove', o.id, o.title)}
                      >
                        −
                      </button>
                      <button
                        type="button"
                        className="button primary"
                        aria-label={t('codesignVotes.dots.placeOne', { title: o.title })}
                        disabled={action.pending || left === 0 || n >= dots.maxPerOption}
                        onClick={() => change('place', o.id, o.title)}
                      >
                        +
                      </button>
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * Dot voting: the person spreads a budget of dots over the options with + and − (as with sticky dots
 * on paper), sees how many are left, and the result with its numbers. Facilitators enter a paper sheet
 * for someone and keep the options.
 */
export default function DotsToolPage({ projectId, toolId }: ToolPageProps) {
  return (
    <VoteFrame projectId={projectId} toolId={toolId}>
      {(vote, onBehalf) => <DotsVote vote={vote} toolId={toolId} onBehalf={onBehalf} />}
    </VoteFrame>
  );
}
