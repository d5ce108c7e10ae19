import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import {
  ChoiceGroup,
  FormError,
  SubmitButton,
  TextAreaField,
  TextField,
  useAction,
} from '../../../app/forms.tsx';
import { formatDate, Pagination, QueryView } from '../../../app/ui.tsx';
import { accountabilityKeys } from './queries.ts';
import { type OutcomeAnswer, type Review, type Stake, stakes } from './types.ts';

const pageSize = 10;

/** The project's look-backs, latest first; facilitators and organisers write one, and are reminded when it is due. */
export function ReviewsSection({ projectId, answer }: { projectId: string; answer: OutcomeAnswer }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const reviews = useQuery({
    queryKey: accountabilityKeys.project(projectId, 'reviews', offset),
    queryFn: () =>
      api<{ items: Review[]; total: number }>(`/codesign/projects/${projectId}/reviews`, {
        query: { limit: pageSize, offset },
      }),
  });
  const due = answer.outcome?.reviewDue ? answer.outcome.reviewOn : null;
  return (
    <section aria-labelledby="reviews-title" className="stack">
      <h2 id="reviews-title">{t('codesignAccountability.reviews.title')}</h2>
      <p>{t('codesignAccountability.reviews.intro')}</p>
      {due && (
        <p className="reach-warnings" role="note">
          <span aria-hidden="true">⏰ </span>
          {t('codesignAccountability.reviews.due', { date: formatDate(due) })}
        </p>
      )}
      {answer.may.facilitate && <ReviewForm projectId={projectId} openAtStart={due !== null} />}
      <QueryView query={reviews}>
        {(r) =>
          r.items.length === 0 ? (
            <p>{t('codesignAccountability.reviews.none')}</p>
          ) : (
            <>
              <ul className="review-list">
                {r.items.map((x) => (
                  <li key={x.id} className="card stack">
                    <h3>{t('codesignAccountability.reviews.heldOn', { date: formatDate(x.heldOn) })}</h3>
                    <p className="meta">
                      {t('codesignAccountability.reviews.judgedBy')} {x.judgedBy}
                      {x.judgedStakes.length > 0 &&
                        ` (${x.judgedStakes.map((s) => t(`codesignAccountability.groups.stake.${s}`)).join(', ')})`}
                    </p>
                    <h4>{t('codesignAccountability.reviews.worked')}</h4>
                    <p className="prewrap">{x.worked}</p>
                    {x.didNotWork && (
                      <>
                        <h4>{t('codesignAccountability.reviews.didNotWork')}</h4>
                        <p className="prewrap">{x.didNotWork}</p>
                      </>
                    )}
                    {x.nextSteps && (
                      <>
                        <h4>{t('codesignAccountability.reviews.nextSteps')}</h4>
                        <p className="prewrap">{x.nextSteps}</p>
                      </>
                    )}
                    {x.author && (
                      <p className="meta">{t('codesignAccountability.reviews.by', { name: x.author })}</p>
                    )}
                  </li>
                ))}
              </ul>
              <Pagination total={r.total} limit={pageSize} offset={offset} onOffset={setOffset} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}

function ReviewForm({ projectId, openAtStart }: { projectId: string; openAtStart: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const formId = useId();
  const today = new Date().toLocaleDateString('sv-SE');
  const [open, setOpen] = useState(openAtStart);
  const [heldOn, setHeldOn] = useState(today);
  const [worked, setWorked] = useState('');
  const [didNotWork, setDidNotWork] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [judgedBy, setJudgedBy] = useState('');
  const [judgedStakes, setJudgedStakes] = useState<Stake[]>([]);
  const [nextReviewOn, setNextReviewOn] = useState('');
  const action = useAction({ done: t('codesignAccountability.reviews.done') });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await api(`/codesign/projects/${projectId}/reviews`, {
        method: 'POST',
        body: {
          heldOn,
          worked: worked.trim(),
          didNotWork: didNotWork.trim(),
          nextSteps: nextSteps.trim(),
          judgedBy: judgedBy.trim(),
          judgedStakes,
          nextReviewOn: nextReviewOn || null,
        },
      });
      await qc.invalidateQueries({ queryKey: accountabilityKeys.project(projectId) });
    }, form.current);
    if (ok) {
      setOpen(false);
      setWorked('');
      setDidNotWork('');
      setNextSteps('');
    }
  };
  return (
    <div>
      <button
        type="button"
        className="button primary"
        aria-expanded={open}
        aria-controls={formId}
        onClick={() => setOpen((x) => !x)}
      >
        {t('codesignAccountability.reviews.write')}
      </button>
      {open && (
        <form id={formId} ref={form} onSubmit={submit} noValidate className="stack">
          <FormError
            error={action.error}
            fields={[
              'heldOn',
              'worked',
              'didNotWork',
              'nextSteps',
              'judgedBy',
              'judgedStakes',
              'nextReviewOn',
            ]}
          />
          <TextField
            label={t('codesignAccountability.reviews.date')}
            name="heldOn"
            type="date"
            max={today}
            required
            error={action.error}
            value={heldOn}
            onChange={(e) => setHeldOn(e.target.value)}
          />
          <TextAreaField
            label={t('codesignAccountability.reviews.worked')}
            name="worked"
            required
            maxLength={5000}
            error={action.error}
            value={worked}
            onChange={(e) => setWorked(e.target.value)}
          />
          <TextAreaField
            label={t('codesignAccountability.reviews.didNotWork')}
            name="didNotWork"
            maxLength={5000}
            error={action.error}
            value={didNotWork}
            onChange={(e) => setDidNotWork(e.target.value)}
          />
          <TextAreaField
            label={t('codesignAccountability.reviews.nextSteps')}
            name="nextSteps"
            maxLength={5000}
            error={action.error}
            value={nextSteps}
            onChange={(e) => setNextSteps(e.target.value)}
          />
          <TextField
            label={t('codesignAccountability.reviews.judgedBy')}
            hint={t('codesignAccountability.reviews.judgedByHint')}
            name="judgedBy"
            required
            maxLength={300}
            error={action.error}
            value={judgedBy}
            onChange={(e) => setJudgedBy(e.target.value)}
          />
          <ChoiceGroup
            legend={t('codesignAccountability.reviews.judgedStakes')}
            name="judgedStakes"
            type="checkbox"
            options={stakes.map((s) => ({ value: s, label: t(`codesignAccountability.groups.stake.${s}`) }))}
            value={judgedStakes}
            onChange={setJudgedStakes}
            error={action.error}
          />
          <TextField
            label={t('codesignAccountability.reviews.nextReview')}
            name="nextReviewOn"
            type="date"
            min={today}
            error={action.error}
            value={nextReviewOn}
            onChange={(e) => setNextReviewOn(e.target.value)}
          />
          <div className="actions">
            <SubmitButton pending={action.pending}>{t('codesignAccountability.reviews.save')}</SubmitButton>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
