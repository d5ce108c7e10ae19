import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import type { Page } from '../../../app/types.ts';
import { formatDate, Pagination, QueryView } from '../../../app/ui.tsx';
import { projectKeys, projectPath, toolPath } from './queries.ts';
import type { Phase, ProjectSummary, TimelineEntry, ToolSummary } from './types.ts';
import './projects.css';

/** A project in a list: title, who runs it, where it stands. */
export function ProjectCard({ p }: { p: ProjectSummary }) {
  const { t } = useTranslation();
  return (
    <li className="card codesign-card">
      <h3>
        <Link to={projectPath(p.id)}>{p.title}</Link>
      </h3>
      <p className="meta">
        {p.organisations.map((o) => o.name).join(', ')}
        {p.status !== 'active' && (
          <>
            {' · '}
            <span className="status-pill wait">{t(`codesign.projects.status.${p.status}`)}</span>
          </>
        )}
        {p.visibility === 'members' && (
          <>
            {' · '}
            <span className="status-pill">{t('codesign.projects.visibility.short.members')}</span>
          </>
        )}
      </p>
      {p.summary && <p>{p.summary}</p>}
      <p className="meta">
        {p.currentPhase &&
          t('codesign.projects.standsAt', {
            step: p.currentPhase.position,
            of: p.phaseCount,
            phase: p.currentPhase.title,
          })}
        {' · '}
        {t('codesign.projects.participants', { count: p.participantCount })}
      </p>
    </li>
  );
}

/**
 * Where the project stands: its phases in order as a list of steps, the current one marked (and
 * named for screen readers), done ones ticked. On a phone the steps stack; on a wide screen they run
 * across.
 */
export function Stepper({ phases, closed }: { phases: Phase[]; closed: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className="codesign-stepper" aria-label={t('codesign.projects.stepperLabel')}>
      {phases.map((ph) => {
        const state = ph.current && !closed ? 'current' : ph.done ? 'done' : 'todo';
        return (
          <li key={ph.id} className={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : ph.position}
            </span>
            <span className="step-text">
              <span className="step-title">{ph.title}</span>
              <span className="step-state">
                {t(`codesign.projects.stepState.${state}`)}
                {(ph.startsOn || ph.endsOn) && (
                  <>
                    {' · '}
                    {ph.startsOn ? formatDate(ph.startsOn) : ''}
                    {ph.endsOn ? ` – ${formatDate(ph.endsOn)}` : ''}
                  </>
                )}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** A tool as a tile linking to its page. */
export function ToolTile({ projectId, tool }: { projectId: string; tool: ToolSummary }) {
  const { t } = useTranslation();
  return (
    <li className="card codesign-tool-tile">
      <p className="meta">{t(`codesign.tool.kind.${tool.kind}`)}</p>
      <h4>
        <Link to={toolPath(projectId, tool.id)}>{tool.title}</Link>
      </h4>
      {tool.description && <p>{tool.description}</p>}
      <p className="meta">
        <span className={tool.open ? 'status-pill ok' : 'status-pill'}>
          {tool.open ? t('codesign.tool.open') : t('codesign.tool.closed')}
        </span>
        {tool.closesAt && tool.open && (
          <> · {t('codesign.tool.until', { date: formatDate(tool.closesAt, true) })}</>
        )}
      </p>
    </li>
  );
}

/** One timeline entry worded from its kind (`codesign.timeline.<part>.<what>`) and params. */
export function TimelineText({ e }: { e: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const key = `codesign.timeline.${e.kind}`;
  const params = { ...e.params, actor: e.actor?.name || t('codesign.timeline.someone') };
  return <>{i18n.exists(key) ? t(key, params) : t('codesign.timeline.other')}</>;
}

const timelinePage = 10;

/** What happened in the project, newest first, page by page. */
export function Timeline({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const q = useQuery({
    queryKey: projectKeys.timeline(projectId, offset),
    queryFn: () =>
      api<Page<TimelineEntry>>(`/codesign/projects/${projectId}/timeline`, {
        query: { limit: timelinePage, offset },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="codesign-timeline" id="codesign-timeline-section" tabIndex={-1}>
      <h2 id="codesign-timeline">{t('codesign.projects.timeline')}</h2>
      <QueryView query={q} isEmpty={(p) => p.items.length === 0} empty={t('codesign.projects.timelineEmpty')}>
        {(p) => (
          <>
            <ul className="codesign-timeline">
              {p.items.map((e) => (
                <li key={e.id}>
                  <time dateTime={e.at}>{formatDate(e.at, true)}</time> <TimelineText e={e} />
                </li>
              ))}
            </ul>
            <Pagination
              total={p.total}
              limit={p.limit}
              offset={p.offset}
              onOffset={(o) => {
                setOffset(o);
                document.getElementById('codesign-timeline-section')?.focus();
              }}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}
