import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from './auth/auth-context.tsx';
import { LocaleProvider } from './i18n/locale-provider.tsx';
import { queryClient } from './query-client.ts';
import { AppRoutes } from './router.tsx';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
