import './app/app.css';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { announce, type DoneSpec, type Origin, originOf } from './app/announce.tsx';
import { ApiError } from './app/api.ts';
import { i18n, i18nReady } from './app/i18n.ts';
import { router } from './app/router.tsx';
import { SessionProvider, useSessionQuery } from './app/session.tsx';
import { ErrorState } from './app/ui.tsx';

/** Where each mutation began, so focus can find a place once it succeeded (app/announce.tsx). */
const origins = new WeakMap<object, Origin>();

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** What to say when the mutation succeeded: a text, or a function of its result and variables. */
      done?: DoneSpec | ((data: unknown, variables: unknown) => DoneSpec | undefined);
    };
  }
}

const queryClient = new QueryClient({
  // every mutation that declares `meta.done` has it said in the layout's status region
  mutationCache: new MutationCache({
    onMutate: (_variables, mutation) => {
      origins.set(mutation, originOf());
    },
    onSuccess: (data, variables, _context, mutation) => {
      const done = mutation.meta?.done;
      const said = typeof done === 'function' ? done(data, variables) : done;
      if (said) announce(said, origins.get(mutation));
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // a refusal or a missing thing will not change by asking again
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function App() {
  const session = useSessionQuery();
  if (session.isPending) {
    return (
      <p className="boot" role="status">
        {i18n.t('common.loading')}
      </p>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="boot">
        <h1>{i18n.t('errors.bootTitle')}</h1>
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}

const root = document.getElementById('root');
// a person who chose English or Leichte Sprache on this device sees it from the first paint
if (root) {
  await i18nReady;
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
