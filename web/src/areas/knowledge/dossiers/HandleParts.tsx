import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { MarkdownField } from '../../../app/RichText.tsx';
import { useDossierChanged } from './hooks.ts';
import type { Dossier } from './types.ts';

/** The receiving body's steps (or, for a body outside the network, the compilers' on its behalf). */
export function StepForms({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const changed = useDossierChanged();
  const received = useAction({ done: t('dossiers.done.received') });
  const agenda = useAction({ done: t('dossiers.done.agenda') });
  const answer = useAction({ done: { text: t('dossiers.done.answered'), focus: 'dossier-answer' } });
  const agendaForm = useRef<HTMLFormElement>(null);
  const answerForm = useRef<HTMLFormElement>(null);
  const [committee, setCommittee] = useState(d.committee ?? '');
  const [date, setDate] = useState(d.agendaDate ?? '');
  const [text, setText] = useState('');
  const step = (body: object) => api<Dossier>(`/dossiers/${d.id}/steps`, { method: 'POST', body });
  return (
    <section aria-labelledby="dossier-steps" className="dossier-section no-print">
      <h2 id="dossier-steps">{t('dossiers.steps.title')}</h2>
      {d.recipientOrganisation === null && <p className="hint">{t('dossiers.steps.onBehalfHint')}</p>}
      {d.status === 'sent' && (
        <div className="card">
          <FormError error={received.error} />
          <button
            type="button"
            className="button primary"
            disabled={received.pending}
            onClick={() => void received.run(async () => changed(await step({ step: 'received' })))}
          >
            {t('dossiers.steps.received')}
          </button>
        </div>
      )}
      <form
        ref={agendaForm}
        className="card"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void agenda.run(
            async () => changed(await step({ step: 'on_agenda', committee: committee.trim(), date })),
            agendaForm.current,
          );
        }}
      >
        <h3>{t('dossiers.steps.agenda')}</h3>
        <FormError error={agenda.error} fields={['committee', 'date']} />
        <TextField
          label={t('dossiers.steps.committee')}
          name="committee"
          hint={t('dossiers.steps.committeeHint')}
          required
          maxLength={160}
          value={committee}
          onChange={(e) => setCommittee(e.target.value)}
          error={agenda.error}
        />
        <TextField
          label={t('dossiers.steps.date')}
          name="date"
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={agenda.error}
        />
        <SubmitButton pending={agenda.pending}>{t('dossiers.steps.agendaSubmit')}</SubmitButton>
      </form>
      <form
        ref={answerForm}
        className="card"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void answer.run(
            async () => changed(await step({ step: 'answered', answer: text })),
            answerForm.current,
          );
        }}
      >
        <h3>{t('dossiers.steps.answer')}</h3>
        <FormError error={answer.error} fields={['answer']} />
        <MarkdownField
          label={t('dossiers.steps.answer')}
          name="answer"
          hint={t('dossiers.steps.answerHint')}
          required
          maxLength={20000}
          value={text}
          onChange={setText}
          error={answer.error}
        />
        <SubmitButton pending={answer.pending}>{t('dossiers.steps.answerSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
