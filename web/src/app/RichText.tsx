import { type TextareaHTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.ts';
import { TextAreaField } from './forms.tsx';

/**
 * Text people wrote (a wiki page, a post, a report), as the server sent it: Markdown rendered and
 * sanitised there (server/platform/markdown.ts), never here — so this is the one place the client
 * puts HTML from the API into a page.
 */
export function RichText({ html, className }: { html: string; className?: string }) {
  return (
    <div
      className={className ? `rich-text ${className}` : 'rich-text'}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server (platform/markdown.ts)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

type FieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: unknown;
  serverField?: string;
  hint?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'value' | 'onChange'>;

/**
 * A text field for Markdown with a preview: "Vorschau" shows the text as the page will (rendered by
 * the server), "Bearbeiten" goes back to writing. The hint says the few marks people need.
 */
export function MarkdownField({ value, onChange, hint, ...field }: FieldProps) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<{ html: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const show = async () => {
    setFailed(false);
    try {
      setPreview(await api<{ html: string }>('/markdown/preview', { method: 'POST', body: { text: value } }));
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="markdown-field">
      {preview ? (
        <div>
          <p className="markdown-field-label">
            {field.label} <span className="hint">({t('richText.previewing')})</span>
          </p>
          <RichText html={preview.html || `<p>${t('richText.empty')}</p>`} className="markdown-preview" />
        </div>
      ) : (
        <TextAreaField
          rows={10}
          {...field}
          value={value}
          hint={hint ?? t('richText.hint')}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <div className="markdown-field-actions">
        {preview ? (
          <button type="button" className="secondary" onClick={() => setPreview(null)}>
            {t('richText.edit')}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void show()}>
            {t('richText.preview')}
          </button>
        )}
        {failed && <span className="field-error">{t('richText.previewFailed')}</span>}
      </div>
    </div>
  );
}
