import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { api, apiUrl, setCsrfToken } from './api.ts';
import {
  accountLanguage,
  currentLocale,
  localeOfAccount,
  storedLocale,
  storeLocale,
  switchLanguage,
} from './i18n.ts';
import type { Locale, Session } from './types.ts';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session> {
  const s = await api<Session>('/session');
  setCsrfToken(s.csrfToken);
  return s;
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

interface SessionApi {
  session: Session;
  /** After sign-in (password, link, invitation): take the new session, and its language if none was chosen here. */
  signedIn(view?: Session): Promise<void>;
  /** Ends the session; `leave` runs before the signed-out session shows (to move away from private pages). */
  signOut(everywhere?: boolean, leave?: () => void): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const qc = useQueryClient();

  const signedIn = useCallback(
    async (view?: Session) => {
      const next = view ?? (await fetchSession());
      setCsrfToken(next.csrfToken);
      // nothing chosen on this device yet: the account's choice, kept here from now on (a reload too)
      if (next.account && !storedLocale()) {
        storeLocale(localeOfAccount(next.account));
        if (localeOfAccount(next.account) !== currentLocale())
          await switchLanguage(localeOfAccount(next.account));
      }
      // everything cached so far was seen as someone else
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, next);
    },
    [qc],
  );

  const signOut = useCallback(
    async (everywhere = false, leave?: () => void) => {
      await api(everywhere ? '/session/sign-out-everywhere' : '/session', {
        method: everywhere ? 'POST' : 'DELETE',
      });
      // begun at the town's OpenID provider: end the session there too (it asks, then comes back)
      if (session.viaOidc) {
        window.location.assign(apiUrl('/session/oidc/end'));
        return;
      }
      leave?.();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      const next = await fetchSession();
      qc.setQueryData(sessionKey, next);
    },
    [qc, session.viaOidc],
  );

  const setLocale = useCallback(
    async (locale: Locale) => {
      storeLocale(locale);
      await switchLanguage(locale);
      if (session.account && localeOfAccount(session.account) !== locale) {
        const language = accountLanguage(locale);
        await api('/me', { method: 'PATCH', body: language });
        qc.setQueryData<Session>(sessionKey, (s) =>
          s?.account ? { ...s, account: { ...s.account, ...language } } : s,
        );
        void qc.invalidateQueries({ queryKey: ['me'] });
      }
    },
    [qc, session.account],
  );

  const value = useMemo(
    () => ({ session, signedIn, signOut, setLocale }),
    [session, signedIn, signOut, setLocale],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
