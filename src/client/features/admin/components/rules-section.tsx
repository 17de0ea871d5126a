// The moderation rules in force, read-only: they are set in the server's environment.
import { useQuery } from '@tanstack/react-query';
import type { ModerationRules } from '../../../../contract/admin';
import { getRulesQueryOptions } from '../api/get-rules';

const MODES: Record<ModerationRules['moderation'], string> = {
  off: 'Off: comments are published at once',
  on: 'On: every comment waits for a moderator',
  'first-time': 'First time: held unless the email already has an approved comment',
};

const words = (list: string[]) => (list.length ? list.join(', ') : 'none');

export function RulesSection() {
  const { data: rules } = useQuery(getRulesQueryOptions());
  if (!rules) return null;
  const rows: [string, string, string][] = [
    ['Moderation', 'MODERATION', MODES[rules.moderation]],
    ['Held with more links than', 'MODERATION_MAX_LINKS', String(rules.maxLinks)],
    ['Held when containing', 'MODERATION_KEYS', words(rules.moderationKeys)],
    ['Spam when containing', 'DISALLOWED_KEYS', words(rules.disallowedKeys)],
    ['Comments close after', 'CLOSE_COMMENTS_AFTER_DAYS', rules.closeCommentsAfterDays === null ? 'never' : `${rules.closeCommentsAfterDays} days`],
    ['Reply notifications', 'SMTP_URL', rules.replyNotifications ? 'on' : 'off'],
    ['Emails to moderators', 'MODERATOR_EMAIL', rules.moderatorEmails ? 'on' : 'off'],
  ];
  return (
    <section className="admin-section" aria-labelledby="admin-rules-title">
      <h2 id="admin-rules-title">Rules</h2>
      <p className="admin-hint">Set in the server&apos;s environment; shown here as they are in force.</p>
      <dl className="admin-rules">
        {rows.map(([name, variable, value]) => (
          <div key={variable}>
            <dt>
              {name} <code>{variable}</code>
            </dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
