import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../app/forms.tsx';
import { ageBands, stakes, useDistrictList } from './data.ts';

export interface GroupsValue {
  districtId: string;
  ageBand: string;
  stake: string;
  language: string;
}

export const noGroups: GroupsValue = { districtId: '', ageBand: '', stake: '', language: '' };

/** The groups as the person gives them (each optional): the body's `groups`. */
export const groupsBody = (g: GroupsValue) => ({
  districtId: g.districtId || null,
  ageBand: (g.ageBand || null) as (typeof ageBands)[number] | null,
  stake: (g.stake || null) as (typeof stakes)[number] | null,
  language: g.language.trim().toLowerCase() || null,
});

/** District, age band, stake and language, each "not given" unless chosen. */
export function GroupFields({
  value,
  onChange,
  error,
}: {
  value: GroupsValue;
  onChange: (v: GroupsValue) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const districts = useDistrictList();
  const notGiven = { value: '', label: t('codesignOffline.groups.notGiven') };
  return (
    <fieldset className="field offline-groups">
      <legend>{t('codesignOffline.groups.legend')}</legend>
      <p className="hint">{t('codesignOffline.groups.hint')}</p>
      <SelectField
        label={t('codesignOffline.groups.district')}
        name="groups/districtId"
        error={error}
        value={value.districtId}
        onChange={(e) => onChange({ ...value, districtId: e.target.value })}
        options={[notGiven, ...(districts.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
      />
      <SelectField
        label={t('codesignOffline.groups.ageBand')}
        name="groups/ageBand"
        error={error}
        value={value.ageBand}
        onChange={(e) => onChange({ ...value, ageBand: e.target.value })}
        options={[notGiven, ...ageBands.map((a) => ({ value: a, label: t(`codesignOffline.ageBand.${a}`) }))]}
      />
      <SelectField
        label={t('codesignOffline.groups.stake')}
        name="groups/stake"
        error={error}
        value={value.stake}
        onChange={(e) => onChange({ ...value, stake: e.target.value })}
        options={[notGiven, ...stakes.map((s) => ({ value: s, label: t(`codesignOffline.stake.${s}`) }))]}
      />
      <TextField
        label={t('codesignOffline.groups.language')}
        hint={t('codesignOffline.groups.languageHint')}
        name="groups/language"
        error={error}
        value={value.language}
        maxLength={3}
        autoComplete="off"
        onChange={(e) => onChange({ ...value, language: e.target.value })}
      />
    </fieldset>
  );
}
