// What "Edit" and "Discard" do to an unsent comment. Each runs under the
// comment's claim, so no tab can send it while it is being taken out.
import { clearDraft, loadDraft, saveDraft } from './drafts';
import type { Outbox, OutboxEntry } from './outbox';
import { loadIdentity } from './saved-identity';

/** 'elsewhere': another tab has it; 'form-busy': its form holds other text, which Edit must not overwrite. */
export type UnsentOutcome = 'done' | 'elsewhere' | 'form-busy';

async function withClaim(outbox: Outbox, entry: OutboxEntry, action: () => UnsentOutcome): Promise<UnsentOutcome> {
  const release = await outbox.claim(entry.idempotencyKey, 'offer');
  if (!release) return 'elsewhere';
  try {
    // Sent or discarded by another tab between the offer being shown and now.
    return outbox.has(entry.idempotencyKey) ? action() : 'elsewhere';
  } finally {
    release();
  }
}

/**
 * Edit: the comment becomes its form's draft again, with the same Idempotency-Key
 * (it may have reached the server before the connection dropped: unchanged, it
 * is not posted twice; changed, the server says an earlier version was posted).
 */
export function putBackIntoForm(outbox: Outbox, entry: OutboxEntry): Promise<UnsentOutcome> {
  return withClaim(outbox, entry, () => {
    const { slug, idempotencyKey, input } = entry;
    const current = loadDraft(slug, input.parentId);
    if (current && current.draft.idempotencyKey !== idempotencyKey && current.draft.body.trim() !== '') return 'form-busy';
    const remember = loadIdentity() !== undefined || current?.remembered === true;
    const fields = { author: input.author, email: input.email, url: input.url, body: input.body, quote: input.quote };
    saveDraft(slug, input.parentId, fields, idempotencyKey, remember);
    outbox.remove(idempotencyKey);
    return 'done';
  });
}

/** Discard: the comment goes, and so does its draft (not a newer one the form holds). */
export function discardUnsent(outbox: Outbox, entry: OutboxEntry): Promise<UnsentOutcome> {
  return withClaim(outbox, entry, () => {
    outbox.remove(entry.idempotencyKey);
    clearDraft(entry.slug, entry.input.parentId, entry.idempotencyKey);
    return 'done';
  });
}
