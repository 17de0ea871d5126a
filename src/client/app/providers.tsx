// App-wide providers. The QueryClient is made by the caller so that the
// server, the browser and each test own a separate cache. The outbox is one
// per browser tab unless given (tests give each rendered app its own, to play
// two tabs in one document).
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Outbox } from '../features/comments/lib/outbox';
import { OutboxContext } from '../features/comments/lib/outbox-context';

interface ProvidersProps {
  queryClient: QueryClient;
  outbox?: Outbox;
  children: ReactNode;
}

export function Providers({ queryClient, outbox, children }: ProvidersProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <OutboxContext.Provider value={outbox ?? null}>{children}</OutboxContext.Provider>
    </QueryClientProvider>
  );
}
