// Turns a failed or waiting post into a sentence that says what happened and what to do.
import { isApiClientError } from '../../../lib/api-client';
import type { WaitReason } from './outbox';
import { ClaimedElsewhereError } from './send-with-outbox';

const KEPT_NOTE = 'Your comment has been kept, so you can try again.';

/** Said in the form (or the offer) as soon as a post has to wait for the connection. */
export function describeWait(reason: WaitReason): string {
  const why = reason === 'offline' ? 'You are offline.' : 'We could not reach the server.';
  return `${why} Your comment is kept in this browser and will be sent when the connection returns.`;
}

export function describePostError(error: unknown): string {
  if (error instanceof ClaimedElsewhereError) return error.message;
  if (!isApiClientError(error)) return `Something went wrong. ${KEPT_NOTE}`;
  switch (error.code) {
    case 'network_error':
      return `We could not reach the server. Check your connection. ${KEPT_NOTE}`;
    case 'too_many_requests': {
      const wait = error.retryAfterSeconds;
      const when = wait ? `Please wait ${wait} second${wait === 1 ? '' : 's'} before posting again.` : 'Please wait a moment.';
      return `You are posting comments too quickly. ${when} ${KEPT_NOTE}`;
    }
    case 'idempotency_key_reused':
      // The form has given the draft a new key; the text is still there.
      return 'An earlier version of this comment was already posted. Select Post Comment to post this text as well.';
    case 'duplicate_comment':
      return `It looks as though you have already said that. ${KEPT_NOTE}`;
    default:
      if (error.status >= 500 || error.status === 0) {
        return `Something went wrong on our side and your comment was not posted. ${KEPT_NOTE}`;
      }
      return `${error.message} ${KEPT_NOTE}`;
  }
}
