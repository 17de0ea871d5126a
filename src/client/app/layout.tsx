// The frame around every page: skip link, site header, main landmark.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { SITE_NAME } from '../../contract/constants';

/**
 * A new page starts at its top, as with full page loads, and focus moves to
 * the main content so screen readers notice the change. The first load keeps
 * the browser's own behaviour.
 */
function usePageChangeFocus() {
  const [pathname] = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    // Element.scrollTo: the same in browsers, and simply absent in jsdom.
    document.scrollingElement?.scrollTo?.(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}

export function Layout({ children }: { children: ReactNode }) {
  usePageChangeFocus();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="site-name">
          {SITE_NAME}
        </Link>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
