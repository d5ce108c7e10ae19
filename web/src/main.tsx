import './app/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from './app/api.ts';
import { i18n } from './app/i18n.ts';
import { router } from './app/router.tsx';
import { SessionProvider, useSessionQuery } from './app/session.tsx';
import { ErrorState } from './app/ui.tsx';

const queryClient = new QueryClient({
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
if (root) {
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
