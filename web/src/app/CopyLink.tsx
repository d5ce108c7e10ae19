import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { announce, moveFocus } from './announce.tsx';

/**
 * A link to pass on by hand (an invitation that could not be emailed): read-only, selected on focus,
 * with a copy button that says whether it worked. With `focusOnShow` it takes focus when it appears,
 * so the person lands where the next step is.
 */
export function CopyLink({
  label,
  url,
  focusOnShow = false,
}: {
  label: string;
  url: string;
  focusOnShow?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusOnShow && url) moveFocus(() => input.current);
  }, [focusOnShow, url]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      announce(t('feedback.link.copied'));
    } catch {
      // no clipboard (an address without https, or refused): the link is selected to copy by hand
      input.current?.focus();
      input.current?.select();
      announce(t('feedback.link.copyFailed'));
    }
  }

  return (
    <div className="field copy-link">
      <label htmlFor={id}>{label}</label>
      <div className="inline-input">
        <input id={id} ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {t('feedback.link.copy')}
        </button>
      </div>
    </div>
  );
}
