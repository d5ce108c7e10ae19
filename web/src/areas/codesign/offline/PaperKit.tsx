import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Kit } from './data.ts';

/**
 * A tool's printable A4 page: the project and the tool, the paper code big enough to read across a
 * room, the address to take part online, room to write, and the consent box with a signature line.
 * Generic on purpose: each tool's part puts its own items (a survey's questions, a vote's options) in
 * as `children`, printed between the head and the writing room. A dot vote prints as a poster.
 */
export function PaperKit({ kit, children }: { kit: Kit; children?: ReactNode }) {
  const { t } = useTranslation();
  const { tool } = kit;
  const poster = tool.kind === 'dots';
  return (
    <article
      className={poster ? 'paper-kit paper-poster' : 'paper-kit'}
      aria-label={t('codesignOffline.kit.sheet')}
    >
      <header className="paper-head">
        <p className="paper-project">{tool.project.title}</p>
        <h2 className="paper-title">{tool.title}</h2>
        <p className="paper-phase">{t('codesignOffline.kit.phase', { phase: tool.phase.title })}</p>
        <p className="paper-code">
          <span>{t('codesignOffline.kit.code')}</span> <strong translate="no">{tool.paperCode}</strong>
        </p>
      </header>
      {tool.description && <p className="paper-description">{tool.description}</p>}
      <p className="paper-online">
        {t('codesignOffline.kit.online')} <span className="paper-url">{kit.url}</span>
      </p>
      {children}
      {poster ? (
        <section className="paper-dots" aria-label={t('codesignOffline.kit.posterArea')}>
          <p>{t('codesignOffline.kit.posterHint')}</p>
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <div key={n} className="paper-dot-row">
              <span className="paper-line" aria-hidden="true" />
              <span className="paper-dot-box" aria-hidden="true" />
            </div>
          ))}
        </section>
      ) : (
        <section className="paper-write" aria-label={t('codesignOffline.kit.writeArea')}>
          <p>{t('codesignOffline.kit.writeHint')}</p>
          {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
            <span key={n} className="paper-line" aria-hidden="true" />
          ))}
        </section>
      )}
      <section className="paper-consent" aria-label={t('codesignOffline.kit.consentArea')}>
        <p>
          <span className="paper-box" aria-hidden="true" /> {t('codesignOffline.kit.consentText')}
        </p>
        <div className="paper-sign">
          <span>{t('codesignOffline.kit.name')}</span>
          <span className="paper-line" aria-hidden="true" />
        </div>
        <div className="paper-sign">
          <span>{t('codesignOffline.kit.dateSignature')}</span>
          <span className="paper-line" aria-hidden="true" />
        </div>
        <p className="paper-small">{t('codesignOffline.kit.consentSmall')}</p>
      </section>
    </article>
  );
}
