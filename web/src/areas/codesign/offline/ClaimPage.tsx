import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { FormError, SubmitButton, TextField, useAction } from '../../../app/forms.tsx';
import { PageHeading } from '../../../app/ui.tsx';
import { projectPath } from './data.ts';

/**
 * /mitgestalten/uebernehmen — a person for whom staff entered contributions types the code from the
 * paper they were given: from now on their contributions are theirs, under their account.
 */
export default function ClaimPage() {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<{ projectId: string; projectTitle: string } | null>(null);
  const { pending, error, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(
      async () => {
        const r = await api<{ projectId: string; projectTitle: string }>('/codesign/claim', {
          method: 'POST',
          body: { code: code.trim() },
        });
        setDone(r);
        return r;
      },
      form.current,
      t('codesignOffline.claim.done'),
    );
  }
  return (
    <>
      <PageHeading title={t('codesignOffline.claim.title')}>
        <p className="lead">{t('codesignOffline.claim.lead')}</p>
      </PageHeading>
      {done ? (
        <p className="card">
          {t('codesignOffline.claim.doneText', { title: done.projectTitle })}{' '}
          <Link to={projectPath(done.projectId)}>{t('codesignOffline.claim.toProject')}</Link>
        </p>
      ) : (
        <form ref={form} onSubmit={submit} noValidate className="card">
          <FormError error={error} fields={['/code']} />
          <TextField
            label={t('codesignOffline.claim.code')}
            hint={t('codesignOffline.claim.codeHint')}
            name="code"
            required
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            error={error}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <SubmitButton pending={pending}>{t('codesignOffline.claim.submit')}</SubmitButton>
        </form>
      )}
    </>
  );
}
