// The emails, as plain text. Each names no address but its recipient's: a reply's
// author by name only, a held comment's author by name only (the admin page shows more).
import { articlePath, commentPath } from '../../contract/permalinks';
import type { EmailMessage } from './notification-store';

/** The paths the links lead to (the server's routes, src/server/notifications-routes.ts). */
export const NOTIFICATION_PATHS = {
  confirmPage: '/notifications/confirm',
  unsubscribePage: '/notifications/unsubscribe',
  confirmApi: '/api/notifications/confirm',
  unsubscribeApi: '/api/notifications/unsubscribe',
} as const;

export interface Links {
  /** The site's public address, without a trailing slash (PUBLIC_URL). */
  publicUrl: string;
}

/** Titles and names on one line: a subject is one line, and a name with a line break would read as two. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const withToken = (base: string, path: string, token: string) => `${base}${path}?token=${encodeURIComponent(token)}`;

/** A comment's permalink, as the reader resolves it (comment-section.tsx opens the page that holds #comment-ID). */
export const commentLink = (publicUrl: string, slug: string, commentId: number) => `${publicUrl}${commentPath(slug, commentId)}`;

/** RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL; the visible link opens a page that asks first. */
function unsubscribing({ publicUrl }: Links, token: string) {
  return {
    page: withToken(publicUrl, NOTIFICATION_PATHS.unsubscribePage, token),
    headers: {
      'List-Unsubscribe': `<${withToken(publicUrl, NOTIFICATION_PATHS.unsubscribeApi, token)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

export function confirmationEmail(links: Links, to: string, token: string, article: { title: string }): EmailMessage {
  const unsubscribe = unsubscribing(links, token);
  const title = oneLine(article.title);
  return {
    to,
    subject: `Please confirm: email me replies to my comment on “${title}”`,
    text: [
      `Someone (we hope it was you) commented on “${title}” and asked to be emailed when anyone replies.`,
      '',
      'To get those emails, confirm here:',
      withToken(links.publicUrl, NOTIFICATION_PATHS.confirmPage, token),
      '',
      'If it was not you, ignore this email: nothing more will be sent to you.',
      '',
      '--',
      `Unsubscribe: ${unsubscribe.page}`,
    ].join('\n'),
    headers: unsubscribe.headers,
  };
}

export interface ReplyDetails {
  article: { slug: string; title: string };
  reply: { id: number; author: string; text: string };
}

export function replyEmail(links: Links, to: string, token: string, { article, reply }: ReplyDetails): EmailMessage {
  const unsubscribe = unsubscribing(links, token);
  const title = oneLine(article.title);
  const author = oneLine(reply.author);
  return {
    to,
    subject: `New reply to your comment on “${title}”`,
    text: [
      `${author} replied to your comment on “${title}”:`,
      '',
      ...reply.text.split('\n').map((line) => (line ? `> ${line}` : '>')),
      '',
      'Read it and reply:',
      commentLink(links.publicUrl, article.slug, reply.id),
      '',
      '--',
      'You get this because you asked to be emailed about replies to your comment.',
      `Unsubscribe: ${unsubscribe.page}`,
    ].join('\n'),
    headers: unsubscribe.headers,
  };
}

export interface HeldDetails {
  article: { slug: string; title: string };
  comment: { author: string; url: string | null; text: string };
}

/** To MODERATOR_EMAIL: what waits, and where to decide (the admin page signs in with ADMIN_TOKEN; no token here). */
export function heldCommentEmail(links: Links, to: string, { article, comment }: HeldDetails): EmailMessage {
  const title = oneLine(article.title);
  return {
    to,
    subject: `Comment held for moderation on “${title}”`,
    text: [
      `A comment on “${title}” is waiting for moderation.`,
      `${links.publicUrl}${articlePath(article.slug)}`,
      '',
      `Author: ${oneLine(comment.author)}`,
      ...(comment.url ? [`Website: ${comment.url}`] : []),
      '',
      comment.text,
      '',
      'Approve it, mark it as spam or delete it on the admin page:',
      `${links.publicUrl}/admin`,
    ].join('\n'),
    headers: {},
  };
}
