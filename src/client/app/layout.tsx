// The frame around every page: skip link, site header, main landmark.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { SITE_NAME } from '../lib/use-document-title';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-name">
          {SITE_NAME}
        </Link>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
