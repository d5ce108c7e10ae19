import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OnBehalf } from '../tools.tsx';
import type { CodesignChannel } from '../types.ts';
import { assistedPath, useAssisted } from './data.ts';

const channels = ['paper', 'phone', 'meeting'] as const satisfies readonly CodesignChannel[];

/**
 * For facilitators in every tool's form: "Für wen tragen Sie ein?" — oneself, or a person of the
 * project whose consent is recorded (and not withdrawn) — and, for someone else, "Wie kam der
 * Beitrag?": on paper, by phone or at a meeting. null is one's own. The list comes from
 * GET /codesign/projects/{id}/assisted, which answers facilitators only: for everyone else the field
 * is not there.
 */
export function OnBehalfField({
  projectId,
  value,
  onChange,
}: {
  projectId: string;
  value: OnBehalf | null;
  onChange: (value: OnBehalf | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const people = useAssisted(projectId, { usable: true });
  if (!people.data) return null;
  const items = people.data.items;
  return (
    <fieldset className="field on-behalf">
      <legend>{t('codesignOffline.onBehalf.legend')}</legend>
      <label htmlFor={`${id}-who`}>{t('codesignOffline.onBehalf.who')}</label>
      <select
        id={`${id}-who`}
        value={value?.participantId ?? ''}
        aria-describedby={`${id}-hint`}
        onChange={(e) =>
          onChange(
            e.target.value ? { participantId: e.target.value, channel: value?.channel ?? 'paper' } : null,
          )
        }
      >
        <option value="">{t('codesignOffline.onBehalf.myself')}</option>
        {items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.consent
              ? t('codesignOffline.onBehalf.person', {
                  name: p.name,
                  consent: t(`codesignOffline.consent.${p.consent}`),
                })
              : p.name}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {items.length === 0 ? t('codesignOffline.onBehalf.nobody') : t('codesignOffline.onBehalf.hint')}{' '}
        <Link to={assistedPath(projectId)}>{t('codesignOffline.onBehalf.manage')}</Link>
      </p>
      {value && (
        <fieldset className="on-behalf-channel">
          <legend>{t('codesignOffline.onBehalf.how')}</legend>
          <ul className="check-list">
            {channels.map((c) => (
              <li key={c}>
                <label className="check">
                  <input
                    type="radio"
                    name={`${id}-channel`}
                    value={c}
                    checked={value.channel === c}
                    onChange={() => onChange({ ...value, channel: c })}
                  />
                  <span>{t(`codesignOffline.channel.${c}`)}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </fieldset>
  );
}
