import { useTranslation } from 'react-i18next';
import { type Day, type DayPart, dayParts, days, type Slot } from '../../app/types.ts';

/** Weekly availability as a table of checkboxes: days down, parts of the day across. */
export function AvailabilityGrid({ value, onChange }: { value: Slot[]; onChange: (v: Slot[]) => void }) {
  const { t } = useTranslation();
  const has = (day: Day, part: DayPart) => value.some((s) => s.day === day && s.part === part);
  function toggle(day: Day, part: DayPart) {
    onChange(
      has(day, part) ? value.filter((s) => !(s.day === day && s.part === part)) : [...value, { day, part }],
    );
  }
  return (
    <fieldset className="field availability">
      <legend>{t('profile.availability')}</legend>
      <p className="hint">{t('profile.availabilityHint')}</p>
      <table>
        <thead>
          <tr>
            <td />
            {dayParts.map((p) => (
              <th key={p} scope="col">
                <span className="visually-hidden-mobile">{t(`dayPart.${p}`)}</span>
                <span className="mobile-only" aria-hidden="true">
                  {t(`dayPartShort.${p}`)}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row">{t(`day.${d}`)}</th>
              {dayParts.map((p) => (
                <td key={p}>
                  <label className="check-cell">
                    <input type="checkbox" checked={has(d, p)} onChange={() => toggle(d, p)} />
                    <span className="visually-hidden">
                      {t(`day.${d}`)}, {t(`dayPart.${p}`)}
                    </span>
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
