// Sends a comment, and when the connection is gone, keeps it in the outbox
// and sends it when the connection returns: once, with the same
// Idempotency-Key, by whichever tab holds its claim.
import type { Comment } from '../../../../contract/schemas';
import { isNetworkError, isOffline, waitForConnection } from '../../../lib/connection';
import type { Holder, Outbox, OutboxEntry } from './outbox';

/** Another tab is sending this comment (or has sent or discarded it already). */
export class ClaimedElsewhereError extends Error {
  constructor() {
    super('Another tab or window is sending this comment, or has already sent or discarded it.');
    this.name = 'ClaimedElsewhereError';
  }
}

class OutboxClosedError extends Error {
  constructor() {
    super('The outbox was closed before the connection returned.');
    this.name = 'OutboxClosedError';
  }
}

/** Without an "online" event (a server that was down), look again after 5 s, 10 s, 20 s… at most every minute. */
const retryDelay = (attempt: number) => Math.min(60_000, 5_000 * 2 ** attempt);

interface SendOptions {
  outbox: Outbox;
  entry: Omit<OutboxEntry, 'queuedAt'>;
  /** 'form' when just posted; 'offer' when sent from its "Not sent yet" offer. */
  holder: Holder;
  send: () => Promise<Comment>;
  /** Runs when the connection seems back, right before sending again. */
  beforeRetry?: () => Promise<unknown>;
}

export async function sendWithOutbox({ outbox, entry, holder, send, beforeRetry }: SendOptions): Promise<Comment> {
  const key = entry.idempotencyKey;
  let release: (() => void) | null = null;
  try {
    // Already kept: another tab may be on it, so claim it before sending anything. An offer
    // whose entry has gone was sent or discarded elsewhere meanwhile: it must not be sent again.
    if (holder === 'offer' || outbox.has(key)) {
      release = await outbox.claim(key, holder);
      if (!release || !outbox.has(key)) throw new ClaimedElsewhereError();
    }
    for (let attempt = 0; ; attempt++) {
      // Certainly offline: do not even try (the request would only fail, and log an error).
      if (!isOffline()) {
        try {
          const comment = await send();
          // Gone from the outbox before the claim is let go, so no other tab can pick it up again.
          outbox.remove(key);
          return comment;
        } catch (error) {
          if (!isNetworkError(error)) throw error;
        }
      }
      // Not sent: keep it, so that neither a reload nor a closed tab loses it, and wait.
      if (!release) {
        release = await outbox.claim(key, holder);
        if (!release) throw new ClaimedElsewhereError();
      }
      if (!outbox.has(key)) outbox.keep({ ...entry, queuedAt: new Date().toISOString() });
      outbox.setWaitReason(key, isOffline() ? 'offline' : 'unreachable');
      await waitForConnection(retryDelay(attempt), outbox.closed);
      // Closed (its tab is going): the entry stays for the next visit to offer.
      if (outbox.closed.aborted) throw new OutboxClosedError();
      await beforeRetry?.();
    }
  } catch (error) {
    // Refused (not lost): the form still shows the text and keeps it as its draft,
    // so the outbox lets go. An offer's entry stays, to be edited or discarded.
    if (holder === 'form' && release && !(error instanceof OutboxClosedError)) outbox.remove(key);
    throw error;
  } finally {
    outbox.setWaitReason(key, undefined);
    release?.();
  }
}
