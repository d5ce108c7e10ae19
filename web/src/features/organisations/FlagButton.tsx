import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { SelectField, TextAreaField } from '../../app/forms.tsx';
import { ConfirmButton } from '../../app/ui.tsx';

const reasons = ['spam', 'abuse', 'privacy', 'illegal', 'other'] as const;

/** "Report this": sends a flag to the moderators of the network. */
export function FlagButton({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string>('spam');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  if (sent) {
    return (
      <p className="saved">
        <span aria-hidden="true">✓ </span>
        {t('flag.reported')}
      </p>
    );
  }
  return (
    <ConfirmButton
      className="button secondary"
      label={t('flag.button')}
      title={t('flag.title')}
      message={<p>{t('flag.text')}</p>}
      confirmLabel={t('flag.submit')}
      onConfirm={async () => {
        await api('/flags', {
          method: 'POST',
          body: { entityType, entityId, reason, ...(note.trim() ? { note: note.trim() } : {}) },
        });
        setSent(true);
      }}
      done={t('flag.sent')}
    >
      <SelectField
        label={t('flag.reason')}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        options={reasons.map((r) => ({ value: r, label: t(`flag.reasons.${r}`) }))}
      />
      <TextAreaField
        label={t('flag.note')}
        name="note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </ConfirmButton>
  );
}
