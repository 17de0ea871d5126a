// The moderators' page at /admin, its own lazily loaded chunk (with its own
// stylesheet): readers never download it. Signed out it is the sign-in form;
// signed in, the comments, the articles and the rules.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ADMIN_TITLE } from '../../../app/routes/admin-route';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ADMIN_KEY } from '../lib/admin-request';
import { setAdminToken, useAdminToken } from '../lib/admin-token';
import { ArticlesSection } from './articles-section';
import { CommentsSection } from './comments-section';
import { RulesSection } from './rules-section';
import { SignInForm } from './sign-in-form';
import '../../../styles/admin.css';

function Dashboard() {
  const queryClient = useQueryClient();
  const heading = useRef<HTMLParagraphElement>(null);
  // Signed in: the form that had focus is gone, so focus comes here rather than to the page's start.
  useEffect(() => heading.current?.focus(), []);

  const signOut = () => {
    setAdminToken(undefined);
    // Nothing a moderator saw stays in memory for the next person at this tab.
    queryClient.removeQueries({ queryKey: ADMIN_KEY });
  };

  return (
    <>
      <p className="admin-session" tabIndex={-1} ref={heading}>
        Signed in for this tab.{' '}
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      </p>
      <CommentsSection />
      <ArticlesSection />
      <RulesSection />
    </>
  );
}

/** What goes under the shell's heading (app/routes/admin-route.tsx). */
export default function AdminPage() {
  useDocumentTitle(ADMIN_TITLE);
  return useAdminToken() ? <Dashboard /> : <SignInForm />;
}
