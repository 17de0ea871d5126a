// The moderation rules a new comment meets before it is stored (WordPress's Discussion
// settings): held for moderation, published, or sent to spam. Pure: the service asks
// the store the one question a rule needs (has this email an approved comment?).
import type { ModerationMode } from '../contract/admin';
import type { CommentContent, RichNode } from '../contract/rich-text';
import type { CommentStatus } from '../contract/schemas';

export interface ModerationSettings {
  mode: ModerationMode;
  /** Hold a comment with more links than this (MODERATION_MAX_LINKS). */
  maxLinks: number;
  /** Hold a comment containing any of these (MODERATION_KEYS). */
  moderationKeys: string[];
  /** Spam: a comment containing any of these (DISALLOWED_KEYS). */
  disallowedKeys: string[];
}

/** As WordPress: hold a comment with three links or more. */
export const DEFAULT_MAX_LINKS = 2;

/** What the rules read of a new comment. */
export interface Candidate {
  author: string;
  email: string;
  url: string | null;
  /** The source as written. */
  body: string;
  /** As readers will see it: its links are counted here. */
  content: CommentContent;
}

/** A list of words or phrases, one a line or comma-separated (as WordPress's moderation_keys); blanks dropped. */
export function parseKeys(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\n,]/)
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/**
 * The links readers will see: every link element of the parsed comment that still has its
 * address, so autolinks, [text](url) and bare URLs count alike, and neither a URL inside
 * `code` nor a link the sanitiser made inert (javascript:) does.
 */
export function countLinks(content: CommentContent): number {
  const count = (nodes: RichNode<string>[]): number =>
    nodes.reduce((sum, node) => (typeof node === 'string' ? sum : sum + (node.t === 'a' && node.a?.href ? 1 : 0) + count(node.c ?? [])), 0);
  return count(content);
}

/** The first key found in the author, email, website or text (case-insensitive), or undefined. */
export function matchingKey(candidate: Candidate, keys: string[]): string | undefined {
  const haystack = [candidate.author, candidate.email, candidate.url ?? '', candidate.body].join('\n').toLowerCase();
  return keys.find((key) => haystack.includes(key.toLowerCase()));
}

/**
 * The status a new comment gets: spam on a disallowed key; pending when moderation is on,
 * when it has too many links or a moderation key, or (first-time) when its email has no
 * approved comment yet; approved otherwise. `hasApproved` is asked only when it decides.
 */
export async function statusOfNewComment(settings: ModerationSettings, candidate: Candidate, hasApproved: () => Promise<boolean>): Promise<CommentStatus> {
  if (matchingKey(candidate, settings.disallowedKeys) !== undefined) return 'spam';
  if (settings.mode === 'on') return 'pending';
  if (countLinks(candidate.content) > settings.maxLinks) return 'pending';
  if (matchingKey(candidate, settings.moderationKeys) !== undefined) return 'pending';
  if (settings.mode === 'first-time' && !(await hasApproved())) return 'pending';
  return 'approved';
}

/** Whether an article is old enough for comments to close by themselves (CLOSE_COMMENTS_AFTER_DAYS; undefined: never). */
export function closedByAge(publishedAt: string, closeAfterDays: number | undefined, now: Date): boolean {
  if (!closeAfterDays) return false;
  return now.getTime() - new Date(publishedAt).getTime() > closeAfterDays * 24 * 60 * 60 * 1000;
}
