import { useTranslation } from 'react-i18next';

/**
 * What a person logging an interaction by hand picks from: kinds the platform names in every reader's
 * language (`interactions.kinds.*`). Anything else is typed in and shown as typed.
 */
export const kindChoices = [
  'meeting',
  'phone_call',
  'visit',
  'counselling',
  'network_meeting',
  'referral',
  'workshop',
] as const;

/** The name of what happened: one the platform knows in the reader's language, else as it was typed. */
export function useKindText() {
  const { t, i18n } = useTranslation();
  return (kind: string) =>
    /^[a-z_]+$/.test(kind) && i18n.exists(`interactions.kinds.${kind}`)
      ? t(`interactions.kinds.${kind}`)
      : kind;
}
