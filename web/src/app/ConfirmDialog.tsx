import { useId, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { announce, type Origin } from './announce.tsx';
import { errorMessage } from './api.ts';
import type { ConfirmProps } from './ui.tsx';

/**
 * React Aria dialog: focus is trapped, Escape cancels, focus returns to the button. It stays open
 * and shows the server's answer when the step fails.
 */
export default function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  done,
  origin,
  children,
  open,
  onOpenChange,
}: ConfirmProps & { origin?: Origin; open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const result = await onConfirm();
      onOpenChange(false);
      const said = typeof done === 'function' ? done(result) : done;
      if (said) announce(said, origin);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }

  return (
    <ModalOverlay isOpen={open} onOpenChange={onOpenChange} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog" aria-describedby={error ? errorId : undefined}>
          <Heading slot="title">{title}</Heading>
          <div className="dialog-body">{message}</div>
          {children}
          {error !== null && (
            <p id={errorId} className="form-error" role="alert">
              <strong>{t('common.errorPrefix')}</strong> {errorMessage(error)}
            </p>
          )}
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => onOpenChange(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button danger" disabled={pending} onClick={() => void confirm()}>
              {pending ? t('common.working') : confirmLabel}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
