// A comment kept in the outbox by a tab that closed before it could be sent,
// offered where it would have appeared: "Not sent yet", with Send now, Edit
// and Discard. Sending shows its progress here rather than in the thread.
import { useEffect, useId, useState } from 'react';
import { textToRich } from '../../../../domain/content/plain-text';
import { RichText } from '../../../components/rich-text';
import { formatExact, formatRelative } from '../../../lib/format-date';
import { PLACEHOLDER_AVATAR, useCreateComment } from '../api/create-comment';
import { describePostError, describeWait } from '../lib/describe-post-error';
import type { OutboxEntry } from '../lib/outbox';
import { useWaitReason } from '../lib/outbox-context';
import { useReadyOutbox } from '../lib/use-ready-outbox';
import { replyButtonId, useReplyState } from '../lib/reply-context';
import { ClaimedElsewhereError } from '../lib/send-with-outbox';
import { discardUnsent, putBackIntoForm, type UnsentOutcome } from '../lib/unsent-actions';
import { Identicon } from './identicon';

const DISCARDED_MESSAGE = 'Your unsent comment was discarded.';

function describeOutcome(outcome: UnsentOutcome, parentId: number | null): string | null {
  if (outcome === 'elsewhere') return new ClaimedElsewhereError().message;
  if (outcome === 'form-busy') {
    const form = parentId === null ? 'The comment form below' : 'The reply form for this comment';
    return `${form} already holds other text. Post or clear it first, then choose Edit again.`;
  }
  return null;
}

function UnsentComment({ entry }: { entry: OutboxEntry }) {
  const { slug, idempotencyKey, input, queuedAt } = entry;
  const id = useId();
  const outbox = useReadyOutbox();
  const { commentsOpen, onPosted, announce, reopenForm } = useReplyState();
  const mutation = useCreateComment(slug);
  const waitReason = useWaitReason(mutation.isPending ? idempotencyKey : undefined);
  const waitMessage = waitReason && describeWait(waitReason);
  const [problem, setProblem] = useState<string | null>(null);
  const [acting, setActing] = useState(false);
  const busy = mutation.isPending || acting;

  useEffect(() => {
    if (waitMessage) announce(waitMessage);
  }, [waitMessage, announce]);

  const sendNow = async () => {
    setProblem(null);
    try {
      // mutateAsync, not mutate: its answer arrives even after this offer is gone (it goes once sent).
      const comment = await mutation.mutateAsync({ input, idempotencyKey, fromOutbox: true });
      onPosted(comment.id, input.parentId);
    } catch (error) {
      setProblem(describePostError(error));
    }
  };

  const act = async (action: typeof putBackIntoForm, after: () => void) => {
    setProblem(null);
    setActing(true);
    const outcome = await action(outbox, entry);
    setActing(false);
    if (outcome === 'done') after();
    else setProblem(describeOutcome(outcome, input.parentId));
  };

  const edit = () => act(putBackIntoForm, () => reopenForm(input.parentId));

  const discard = () =>
    act(discardUnsent, () => {
      announce(DISCARDED_MESSAGE);
      // Focus would fall to the page's start with this offer gone: keep it near.
      const next = (input.parentId !== null && document.getElementById(replyButtonId(input.parentId))) || document.getElementById('comments-title');
      next?.focus();
    });

  const status = !mutation.isPending ? (
    <>
      <strong>Not sent yet</strong>: kept in this browser until you send, edit or discard it.
    </>
  ) : waitReason ? (
    'Waiting for a connection…'
  ) : (
    'Sending…'
  );
  return (
    <article className="comment is-unsent" aria-labelledby={`${id}-author`} aria-describedby={`${id}-status`}>
      <header className="comment-meta">
        <Identicon avatar={PLACEHOLDER_AVATAR} placeholder />
        <span className="comment-author" id={`${id}-author`}>
          {input.author}
        </span>
        <time className="comment-date" dateTime={queuedAt} title={formatExact(queuedAt)}>
          {formatRelative(queuedAt)}
        </time>
      </header>
      <p className="comment-status unsent-status" id={`${id}-status`}>
        {status}
      </p>
      <RichText className="comment-body" nodes={textToRich(input.body)} dir="auto" />
      {waitMessage && <p className="form-notice">{waitMessage}</p>}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <p className="unsent-actions">
        <button type="button" className="button button-primary" onClick={() => void sendNow()} disabled={busy}>
          Send now
        </button>
        {/* Without a form (comments closed) there is nothing to edit in. */}
        {commentsOpen && (
          <button type="button" className="button" onClick={() => void edit()} disabled={busy}>
            Edit
          </button>
        )}
        <button type="button" className="button" onClick={() => void discard()} disabled={busy}>
          Discard
        </button>
      </p>
    </article>
  );
}

/** The offers under one parent (or at the thread's end, for top-level comments). */
export function UnsentComments({ entries }: { entries: OutboxEntry[] | undefined }) {
  if (!entries?.length) return null;
  return (
    <div className="unsent-comments">
      {entries.map((entry) => (
        <UnsentComment key={entry.idempotencyKey} entry={entry} />
      ))}
    </div>
  );
}
