// Every page names itself in the tab and for screen readers on navigation.
// The server sets the same title through entry-server's pageTitle().
import { useEffect } from 'react';
import { SITE_NAME } from '../../contract/constants';

export function pageTitle(page?: string): string {
  return page ? `${page} – ${SITE_NAME}` : SITE_NAME;
}

export function useDocumentTitle(page?: string): void {
  useEffect(() => {
    document.title = pageTitle(page);
  }, [page]);
}
