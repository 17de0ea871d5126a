// Email notifications' own endpoints (server only: the static demo sends no email).
// POST /api/notifications/confirm and POST /api/notifications/unsubscribe take the
// token from the link (?token=, or {"token": …} as JSON); the unsubscribe URL is also
// the List-Unsubscribe header's, which mail clients POST as a form (RFC 8058).
import { z } from 'zod/mini';

export const notificationTokenRequestSchema = z.object({ token: z.string({ error: 'token must be text (a JSON string).' }) });

/** What a confirmation or an unsubscription did, and on which article's comment. */
export const notificationResultSchema = z.object({
  status: z.enum(['confirmed', 'unsubscribed']),
  /** False when it was so already (the links work any number of times). */
  changed: z.boolean(),
  article: z.object({ slug: z.string(), title: z.string() }),
});
export type NotificationResult = z.infer<typeof notificationResultSchema>;
