import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Where a thing that arrived by ActivityPub is from (the API's `remote`). */
export interface RemoteOrigin {
  originName: string;
  originHandle: string;
  domain: string;
  url: string;
}

/**
 * "Aus einem anderen Ort: Repair-Café Nachbarstadt (@repair@nachbarstadt.de)" — the mark of what a
 * group elsewhere published and the town follows (the calendar's remote entries, news from elsewhere).
 */
export function RemoteFrom({ remote }: { remote: RemoteOrigin }) {
  const { t } = useTranslation();
  return (
    <span className="remote-from">
      {remote.originHandle
        ? t('remote.from', { name: remote.originName, handle: remote.originHandle })
        : t('remote.fromNoHandle', { name: remote.originName })}
    </span>
  );
}

/**
 * A link to a remote thing's original on its own server: an ordinary link (same tab), marked for
 * search engines as user-given and to another site, with the domain said to screen readers and shown as ↗.
 */
export function RemoteLink({
  remote,
  children,
  className,
}: {
  remote: RemoteOrigin;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <a href={remote.url} rel="noopener nofollow ugc" className={className}>
      {children}
      <span className="visually-hidden"> ({t('remote.elsewhere', { domain: remote.domain })})</span>
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
