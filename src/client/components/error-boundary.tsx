// The last line of defence: a render error anywhere shows a readable message
// and a way back instead of a blank page.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever opens the console; the page itself explains what to do.
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    // Reload without the fragment or state that may have caused the error.
    const href = typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search}`;
    return (
      <main id="main" className="site-main" tabIndex={-1}>
        <div className="error-state" role="alert">
          <h1>Something went wrong</h1>
          <p>This page could not be shown. Nothing you typed has been lost: drafts are kept in this browser.</p>
          <p>
            <a href={href}>Reload the page</a>
          </p>
        </div>
      </main>
    );
  }
}
