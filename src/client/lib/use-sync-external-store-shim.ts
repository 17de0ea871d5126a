// Stands in for the `use-sync-external-store/shim` package wouter imports (see
// vite.config.ts): that polyfill is for React 17 and older; React 19 has the hook.
export { useSyncExternalStore } from 'react';
