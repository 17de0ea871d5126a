// What the stores keep for email notifications: subscriptions to replies, and the
// queue of outgoing email. Part of CommentStore (src/domain/store.ts), so a post or
// an approval and the email it causes are written in one transaction (atomically).
import type { ArticleRecord } from '../store';

/** pending: waits for its confirmation link; confirmed: gets replies; unsubscribed: gets nothing again. */
export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface SubscriptionRecord {
  id: number;
  /** The comment whose replies are emailed. */
  commentId: number;
  email: string;
  status: SubscriptionStatus;
  /**
   * Random; the link's token is derived from it with the server secret (tokens.ts), so the
   * database alone holds no working link, and later emails can still carry one.
   */
  tokenNonce: string;
  /** The token's hash: how a link finds its subscription. */
  tokenHash: string;
  createdAt: string;
  confirmedAt: string | null;
}

export type NewSubscriptionRecord = Omit<SubscriptionRecord, 'id'>;

/** One email as it is sent: plain text, to one recipient, with its own headers (List-Unsubscribe…). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** queued: to be sent (when nextAttemptAt is due); sent; failed: given up after too many attempts. */
export type EmailStatus = 'queued' | 'sent' | 'failed';

export interface QueuedEmail {
  id: number;
  message: EmailMessage;
  status: EmailStatus;
  /** Attempts made so far, the one under way included. */
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface NotificationStore {
  /** An article by its id (a comment's, when an approval causes emails). */
  findArticleById(id: number): Promise<ArticleRecord | undefined>;
  /** Stores a subscription; when the comment has one for this email already, that one is returned and nothing is written. */
  insertSubscription(subscription: NewSubscriptionRecord): Promise<SubscriptionRecord>;
  findSubscriptionByToken(tokenHash: string): Promise<SubscriptionRecord | undefined>;
  setSubscriptionStatus(id: number, status: SubscriptionStatus, confirmedAt: string | null): Promise<void>;
  /** The comment's subscriptions in this status, oldest first. */
  listSubscriptions(commentId: number, status: SubscriptionStatus): Promise<SubscriptionRecord[]>;
  /** Every subscription on an article's comments (for the export), oldest first. */
  listArticleSubscriptions(articleId: number): Promise<SubscriptionRecord[]>;

  /** Queues an email, due at once; call it in the transaction that causes it. */
  enqueueEmail(message: EmailMessage, createdAt: string): Promise<void>;
  /**
   * Takes up to `limit` due queued emails (nextAttemptAt <= now), oldest first, for one sender:
   * counts the attempt and moves nextAttemptAt to `leaseUntil`, so no other sender (another
   * instance) takes them meanwhile, and a sender that dies leaves them due again after the lease.
   */
  claimDueEmails(now: string, leaseUntil: string, limit: number): Promise<QueuedEmail[]>;
  /** Sent: its text and headers (which hold links with tokens) are forgotten. */
  markEmailSent(id: number, sentAt: string): Promise<void>;
  /** A failed attempt: tried again at `retryAt`, or given up (status failed) when null. */
  markEmailFailed(id: number, error: string, retryAt: string | null): Promise<void>;
  /** The queue's emails, oldest first (for tests and the operator). */
  listEmails(): Promise<QueuedEmail[]>;
}
