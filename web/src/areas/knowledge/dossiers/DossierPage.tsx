import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, apiUrl } from '../../../app/api.ts';
import { currentLocale } from '../../../app/i18n.ts';
import { RichText } from '../../../app/RichText.tsx';
import { ConfirmButton, formatDate, PageHeading, QueryView } from '../../../app/ui.tsx';
import { EditForm, EvidencePicker, SendForm } from './CompileParts.tsx';
import { StepForms } from './HandleParts.tsx';
import { useDossier, useDossierChanged } from './hooks.ts';
import { evidenceLink, formatDay } from './lib.ts';
import { DossiersNav, StatusPill } from './Parts.tsx';
import { dossierKeys } from './queries.ts';
import type { Dossier, DossierStep } from './types.ts';

function StepText({ s, d }: { s: DossierStep; d: Dossier }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (s.step === 'sent') return <>{t('dossiers.step.sent', { name: d.recipientName ?? '' })}</>;
  if (s.step === 'on_agenda')
    return (
      <>
        {t('dossiers.step.on_agenda', {
          committee: s.committee ?? '',
          date: s.date ? formatDay(s.date, locale) : '',
        })}
      </>
    );
  return <>{t(`dossiers.step.${s.step}`)}</>;
}

function Figures({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const e = d.evidence;
  return (
    <section aria-labelledby="dossier-figures" className="dossier-section">
      <h2 id="dossier-figures">{t('dossiers.page.figures')}</h2>
      <dl className="dossier-figures">
        <div>
          <dt>{t('dossiers.page.people')}</dt>
          <dd>{e.suppressed ? t('dossiers.page.peopleFew', { min: e.minPeople }) : (e.people ?? 0)}</dd>
        </div>
        {e.counts.map_report > 0 && (
          <div>
            <dt>{t('dossiers.page.support')}</dt>
            <dd>{e.support ?? t('dossiers.page.peopleFew', { min: e.minPeople })}</dd>
          </div>
        )}
        <div>
          <dt>{t('dossiers.page.districts')}</dt>
          <dd>
            {e.districts.length ? e.districts.map((x) => x.name).join(', ') : t('dossiers.page.noDistricts')}
          </dd>
        </div>
        {(['map_report', 'discussion_thread', 'discussion_post', 'wiki_page'] as const)
          .filter((k) => e.counts[k] > 0)
          .map((k) => (
            <div key={k}>
              <dt>{t(`dossiers.types.${k}`)}</dt>
              <dd>{e.counts[k]}</dd>
            </div>
          ))}
      </dl>
      {e.suppressed && <p className="hint">{t('dossiers.page.peopleFewHint', { min: e.minPeople })}</p>}
    </section>
  );
}

function Evidence({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  const changed = useDossierChanged();
  return (
    <section aria-labelledby="dossier-evidence" className="dossier-section">
      <h2 id="dossier-evidence">{t('dossiers.page.evidence', { count: d.items.length })}</h2>
      {d.items.length === 0 ? (
        <p className="state state-empty">{t('dossiers.page.noEvidence')}</p>
      ) : (
        <ol className="dossier-items">
          {d.items.map((i) => {
            const link = i.available ? evidenceLink(i) : null;
            return (
              <li key={`${i.type}:${i.id}`} className="dossier-item">
                <p className="meta">
                  {t(`dossiers.type.${i.type}`)}
                  {i.district && ` · ${i.district.name}`}
                </p>
                {i.available ? (
                  <h3>{link ? <Link to={link}>{i.title}</Link> : i.title}</h3>
                ) : (
                  <p className="hint">{t('dossiers.page.unavailable')}</p>
                )}
                {i.available && i.excerpt && <p className="dossier-excerpt">{i.excerpt}</p>}
                {i.note && (
                  <p>
                    <strong>{t('dossiers.page.note')}:</strong> {i.note}
                  </p>
                )}
                {d.abilities.edit && (
                  <ConfirmButton
                    className="button secondary no-print"
                    label={t('dossiers.page.remove')}
                    accessibleName={t('dossiers.page.removeLabel', {
                      title: i.title || t(`dossiers.type.${i.type}`),
                    })}
                    title={t('dossiers.page.removeTitle')}
                    message={t('dossiers.page.removeMessage', {
                      title: i.title || t(`dossiers.type.${i.type}`),
                    })}
                    confirmLabel={t('dossiers.page.remove')}
                    done={{ text: t('dossiers.done.removed'), focus: 'dossier-evidence' }}
                    onConfirm={async () =>
                      changed(
                        await api<Dossier>(`/dossiers/${d.id}/items/${i.type}/${i.id}`, { method: 'DELETE' }),
                      )
                    }
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Handling({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  if (d.steps.length === 0) return null;
  return (
    <section aria-labelledby="dossier-handling" className="dossier-section">
      <h2 id="dossier-handling">{t('dossiers.page.handling')}</h2>
      <ol className="dossier-steps">
        {d.steps.map((s) => (
          <li key={s.id}>
            <strong>
              <StepText s={s} d={d} />
            </strong>
            <span className="meta">
              {' '}
              – {formatDate(s.at, true)}
              {s.by && `, ${t('dossiers.page.by', { name: s.by })}`}
              {s.onBehalf && ` (${t('dossiers.page.onBehalf')})`}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Exports({ d }: { d: Dossier }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dossier-exports" className="dossier-section no-print">
      <h2 id="dossier-exports">{t('dossiers.page.exports')}</h2>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t('dossiers.page.print')}
        </button>
        <a className="button secondary" href={apiUrl(`/dossiers/${d.id}/pdf`)}>
          {t('dossiers.page.pdf')}
        </a>
        <a className="button secondary" href={apiUrl(`/dossiers/${d.id}/items.csv`)}>
          {t('dossiers.page.csv')}
        </a>
        {d.evidence.counts.map_report > 0 && (
          <a className="button secondary" href={apiUrl(`/dossiers/${d.id}/reports.geojson`)}>
            {t('dossiers.page.geojson')}
          </a>
        )}
      </div>
    </section>
  );
}

/** /wissen/dossiers/:id — a dossier: its answer, summary, figures, evidence and handling; compiling and handling for those who may. */
export function DossierPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const query = useDossier(id);
  return (
    <QueryView query={query}>
      {(d) => (
        <article className="dossier">
          <PageHeading title={d.title}>
            <p className="meta">
              <StatusPill status={d.status} /> {t('dossiers.page.compiledBy', { name: d.compiledBy })}
              {d.recipientName && d.sentAt && (
                <> · {t('dossiers.page.sentTo', { name: d.recipientName, date: formatDate(d.sentAt) })}</>
              )}
            </p>
          </PageHeading>
          <DossiersNav />
          {d.status === 'draft' && <p className="notice">{t('dossiers.page.draftNotice')}</p>}
          {d.answer !== null && d.answerHtml !== null && (
            <section aria-labelledby="dossier-answer" className="dossier-section dossier-answer">
              <h2 id="dossier-answer">{t('dossiers.page.answer', { name: d.recipientName ?? '' })}</h2>
              {d.answeredAt && (
                <p className="meta">{t('dossiers.page.answeredOn', { date: formatDate(d.answeredAt) })}</p>
              )}
              <RichText html={d.answerHtml} />
            </section>
          )}
          <section aria-labelledby="dossier-summary" className="dossier-section">
            <h2 id="dossier-summary">{t('dossiers.page.summary')}</h2>
            {d.summary.trim() ? (
              <RichText html={d.summaryHtml} />
            ) : (
              <p className="hint">{t('dossiers.page.noSummary')}</p>
            )}
          </section>
          <Figures d={d} />
          <Evidence d={d} />
          <Handling d={d} />
          {d.abilities.handle && <StepForms d={d} />}
          {d.abilities.edit && (
            <div className="no-print">
              <EvidencePicker d={d} />
              <EditForm d={d} />
              <SendForm d={d} />
              <p className="actions">
                <ConfirmButton
                  label={t('dossiers.page.delete')}
                  title={t('dossiers.page.deleteTitle')}
                  message={t('dossiers.page.deleteMessage', { title: d.title })}
                  confirmLabel={t('dossiers.page.delete')}
                  done={t('dossiers.done.deleted')}
                  onConfirm={async () => {
                    await api(`/dossiers/${d.id}`, { method: 'DELETE' });
                    qc.removeQueries({ queryKey: dossierKeys.all('one', d.id) });
                    await qc.invalidateQueries({ queryKey: dossierKeys.all() });
                    navigate('/wissen/dossiers/entwuerfe');
                  }}
                />
              </p>
            </div>
          )}
          <Exports d={d} />
          <p className="no-print">
            <Link to="/wissen/dossiers">{t('dossiers.page.back')}</Link>
          </p>
        </article>
      )}
    </QueryView>
  );
}
