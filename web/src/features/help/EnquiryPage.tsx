import './help.css';
import type { Static } from '@fastify/type-provider-typebox';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { EnquiryView } from '../../../../server/routes/api/enquiries/schema.ts';
import { api } from '../../app/api.ts';
import { FormError, SubmitButton, TextAreaField, TextField, useAction } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import type { Organisation } from '../../app/types.ts';
import { ErrorState, PageHeading, QueryView } from '../../app/ui.tsx';
import { useOrganisation } from '../organisations/OrganisationPage.tsx';
import { SignInToContinue } from './parts.tsx';

export type Enquiry = Static<typeof EnquiryView>;

/** The organisation's own ways to reach it, for whoever would rather call or write directly. */
function DirectContact({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  if (!org.phone && !org.email) return null;
  return (
    <>
      <p>{t('help.enquiry.direct', { name: org.name })}</p>
      <dl className="facts">
        {org.phone && (
          <>
            <dt>{t('help.enquiry.phone')}</dt>
            <dd>
              <a href={`tel:${org.phone.replace(/[^+\d]/g, '')}`}>{org.phone}</a>
            </dd>
          </>
        )}
        {org.email && (
          <>
            <dt>{t('help.enquiry.email')}</dt>
            <dd>
              <a href={`mailto:${org.email}`}>{org.email}</a>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function EnquiryForm({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const action = useAction();
  const [subject, setSubject] = useState((params.get('betreff') ?? '').slice(0, 120));
  const [message, setMessage] = useState('');
  const [contact, setContact] = useState(session.account?.email ?? '');
  const [sent, setSent] = useState<Enquiry | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    void action.run(
      async () => {
        const created = await api<Enquiry>(`/organisations/${org.id}/enquiries`, {
          method: 'POST',
          body: { subject, message, contact },
        });
        await qc.invalidateQueries({ queryKey: ['enquiries'] });
        setSent(created);
      },
      form.current,
      { text: t('help.enquiry.sent', { name: org.name }), focus: 'help-sent-title' },
    );
  }

  if (sent)
    return (
      <section className="card help-done" aria-labelledby="help-sent-title">
        <h2 id="help-sent-title" tabIndex={-1}>
          {t('help.enquiry.sent', { name: org.name })}
        </h2>
        <p className="actions">
          <Link className="button primary" to="/hilfe-finden/meine-anfragen">
            {t('help.enquiry.toMine')}
          </Link>
          <Link className="button secondary" to={`/organisationen/${org.slug}`}>
            {t('help.enquiry.toOrganisation', { name: org.name })}
          </Link>
        </p>
      </section>
    );
  return (
    <>
      <form ref={form} className="card" onSubmit={submit} noValidate>
        <FormError error={action.error} fields={['subject', 'message', 'contact']} />
        <TextField
          label={t('help.enquiry.subject')}
          name="subject"
          required
          maxLength={120}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          error={action.error}
        />
        <TextAreaField
          label={t('help.enquiry.message')}
          name="message"
          required
          maxLength={2000}
          rows={5}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          error={action.error}
          hint={t('help.enquiry.messageHint')}
        />
        <TextField
          label={t('help.enquiry.contact')}
          name="contact"
          required
          maxLength={200}
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          error={action.error}
          hint={t('help.enquiry.contactHint', { name: org.name })}
        />
        <SubmitButton pending={action.pending}>{t('help.enquiry.submit')}</SubmitButton>
      </form>
      <DirectContact org={org} />
    </>
  );
}

/**
 * /organisationen/:slug/anfrage: asking an organisation — for help, or about something only its
 * members may use (a room, an offer), so that nothing is a wall to someone outside it. A visitor is
 * asked to sign in (and comes back here), and is shown the organisation's phone and email meanwhile.
 */
export default function EnquiryPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { slug } = useParams();
  const org = useOrganisation(slug);
  if (org.isError)
    return (
      <>
        <PageHeading title={t('help.enquiry.unavailable')} />
        <ErrorState error={org.error} />
        <p>
          <Link to="/organisationen">{t('organisation.back')}</Link>
        </p>
      </>
    );
  return (
    <QueryView query={org}>
      {(o) => (
        <>
          <PageHeading title={t('help.enquiry.title', { name: o.name })}>
            <p className="lead">{t('help.enquiry.lead', { name: o.name })}</p>
          </PageHeading>
          {session.account ? (
            <EnquiryForm org={o} />
          ) : (
            <SignInToContinue>
              <DirectContact org={o} />
            </SignInToContinue>
          )}
          <p className="page-end">
            <Link to={`/organisationen/${o.slug}`}>{t('help.enquiry.toOrganisation', { name: o.name })}</Link>
          </p>
        </>
      )}
    </QueryView>
  );
}
