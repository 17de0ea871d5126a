// Signing in: the token is tried against GET /api/admin/rules and, when the
// server takes it, kept for this tab. What went wrong is said next to the
// field, which takes the focus back.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { DEMO_ADMIN_TOKEN } from '../../../../mocks/demo-admin';
import { getRules, getRulesQueryOptions } from '../api/get-rules';
import { setAdminToken } from '../lib/admin-token';
import { describeSignInError } from '../lib/describe-sign-in-error';

/** The app runs on the MSW mock (the static demo): its token is no secret, and the demo says it. */
const ON_MOCK = !import.meta.env.VITE_API_URL;

export function SignInForm() {
  const queryClient = useQueryClient();
  const field = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fail = (message: string) => {
    setError(message);
    field.current?.focus();
  };

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const token = field.current?.value.trim() ?? '';
    if (!token) return fail('Enter the admin token.');
    setBusy(true);
    try {
      // The rules come with the answer: no second request for them.
      queryClient.setQueryData(getRulesQueryOptions().queryKey, await getRules(token));
      setAdminToken(token);
    } catch (failure) {
      fail(describeSignInError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-sign-in" aria-labelledby="admin-sign-in-title" onSubmit={signIn} noValidate>
      <h2 id="admin-sign-in-title">Sign in</h2>
      <p className="admin-hint" id="admin-token-hint">
        The admin token is the server&apos;s <code>ADMIN_TOKEN</code>. It is kept in this tab only, until you sign out or close it.
        {ON_MOCK && (
          <>
            {' '}
            This demo&apos;s admin token is <code className="admin-demo-token">{DEMO_ADMIN_TOKEN}</code>.
          </>
        )}
      </p>
      <p className="field">
        <label htmlFor="admin-token">Admin token</label>
        <input
          ref={field}
          id="admin-token"
          name="admin-token"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'admin-token-hint admin-token-error' : 'admin-token-hint'}
        />
        {error && (
          <span className="field-error" id="admin-token-error" role="alert">
            {error}
          </span>
        )}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
