// Email notifications' rules: who is emailed what, when. It queues messages in the
// store, in the transaction that causes them; a sender (src/server/mail) delivers the
// queue. Nothing here knows SMTP or SQL.
import { ApiError } from '../../contract/api-error';
import type { NotificationResult } from '../../contract/notifications';
import { richToText } from '../content/plain-text';
import type { ArticleRecord, CommentRecord, CommentStore } from '../store';
import { confirmationEmail, heldCommentEmail, replyEmail, type Links } from './messages';
import type { EmailMessage, SubscriptionRecord } from './notification-store';
import { isTokenShaped, newSubscriptionToken, subscriptionToken, subscriptionTokenHash } from './tokens';

export interface NotifierOptions extends Links {
  /** The server secret the links' tokens are derived from. */
  secret: string;
  /** Told of every comment held for moderation (MODERATOR_EMAIL); unset: nobody is. */
  moderatorEmail?: string;
  /** Called when emails were queued: the transaction commits right after, so a sender should look soon. */
  onQueued?: () => void;
  now?: () => Date;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const badLink = () =>
  new ApiError('not_found', 'This link is not valid (any more): it may be incomplete, or the comment it was about has been deleted.');

export function createNotifier(store: CommentStore, options: NotifierOptions) {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const tokenOf = (subscription: Pick<SubscriptionRecord, 'tokenNonce'>) => subscriptionToken(options.secret, subscription.tokenNonce);

  async function queue(tx: CommentStore, messages: EmailMessage[]): Promise<void> {
    for (const message of messages) await tx.enqueueEmail(message, now());
    if (messages.length > 0) options.onQueued?.();
  }

  /** The emails a reply that readers can now see causes: one to each confirmed subscriber of its parent but its own author. */
  async function repliesTo(tx: CommentStore, article: ArticleRecord, reply: CommentRecord): Promise<EmailMessage[]> {
    if (reply.parentId === null) return [];
    const parent = await tx.findComment(reply.parentId);
    // A deleted or hidden comment's author no longer hears of its replies.
    if (!parent || parent.deleted || parent.status === 'spam') return [];
    const subscribers = await tx.listSubscriptions(parent.id, 'confirmed');
    const text = richToText(reply.content);
    return subscribers
      .filter((subscription) => !sameAddress(subscription.email, reply.email))
      .map((subscription) =>
        replyEmail(options, subscription.email, tokenOf(subscription), {
          article,
          reply: { id: reply.id, author: reply.author, text },
        }),
      );
  }

  /** The subscription a link's token names, with its comment's article. */
  async function byToken(token: string): Promise<{ subscription: SubscriptionRecord; article: ArticleRecord }> {
    const subscription = isTokenShaped(token) ? await store.findSubscriptionByToken(subscriptionTokenHash(token)) : undefined;
    const comment = subscription && (await store.findComment(subscription.commentId));
    const article = comment && (await store.findArticleById(comment.articleId));
    if (!subscription || !article) throw badLink();
    return { subscription, article };
  }

  const result = (status: NotificationResult['status'], changed: boolean, article: ArticleRecord): NotificationResult => ({
    status,
    changed,
    article: { slug: article.slug, title: article.title },
  });

  return {
    /**
     * A post was stored (in its transaction): with `notify`, a subscription waiting for its
     * confirmation email's link (double opt-in: nobody can subscribe someone else); held for
     * moderation, a word to the moderator; visible at once, emails to its parent's subscribers.
     */
    async commentStored(tx: CommentStore, article: ArticleRecord, comment: CommentRecord, notify: boolean): Promise<void> {
      const messages: EmailMessage[] = [];
      if (notify && comment.status !== 'spam') {
        const { token, tokenNonce, tokenHash } = newSubscriptionToken(options.secret);
        await tx.insertSubscription({
          commentId: comment.id,
          email: comment.email,
          status: 'pending',
          tokenNonce,
          tokenHash,
          createdAt: now(),
          confirmedAt: null,
        });
        messages.push(confirmationEmail(options, comment.email, token, article));
      }
      if (comment.status === 'pending' && options.moderatorEmail) {
        messages.push(
          heldCommentEmail(options, options.moderatorEmail, {
            article,
            comment: { author: comment.author, url: comment.url, text: richToText(comment.content) },
          }),
        );
      }
      if (comment.status === 'approved') messages.push(...(await repliesTo(tx, article, comment)));
      await queue(tx, messages);
    },

    /** A held comment was approved (in that transaction): its parent's subscribers hear of it now. */
    async commentApproved(tx: CommentStore, comment: CommentRecord): Promise<void> {
      const article = await tx.findArticleById(comment.articleId);
      if (article) await queue(tx, await repliesTo(tx, article, comment));
    },

    /** What a link is about (its page asks before anything changes); not_found as confirm would be. */
    async describe(token: string): Promise<{ article: NotificationResult['article'] }> {
      const { article } = await byToken(token);
      return { article: { slug: article.slug, title: article.title } };
    },

    /** The confirmation link: replies are emailed from now on. Works again (changing nothing), and after unsubscribing too. */
    async confirm(token: string): Promise<NotificationResult> {
      const { subscription, article } = await byToken(token);
      if (subscription.status === 'confirmed') return result('confirmed', false, article);
      await store.setSubscriptionStatus(subscription.id, 'confirmed', now());
      return result('confirmed', true, article);
    },

    /** Every email's unsubscribe link (and one-click List-Unsubscribe): nothing more is sent for this subscription. */
    async unsubscribe(token: string): Promise<NotificationResult> {
      const { subscription, article } = await byToken(token);
      if (subscription.status === 'unsubscribed') return result('unsubscribed', false, article);
      await store.setSubscriptionStatus(subscription.id, 'unsubscribed', subscription.confirmedAt);
      return result('unsubscribed', true, article);
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
