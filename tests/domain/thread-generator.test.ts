import { describe, expect, it } from 'vitest';
import { commentMarkdownToRich } from '../../src/domain/content/comment-markdown';
import { parseColloquyExport } from '../../src/server/cli/import-json';
import { generateThread, MAX_GENERATED_DEPTH } from '../support/thread-generator';

describe('generateThread', () => {
  const doc = generateThread({ comments: 2000, seed: 7 });
  const comments = doc.articles[0].comments;

  it('is deterministic from its seed', () => {
    expect(JSON.stringify(generateThread({ comments: 2000, seed: 7 }))).toBe(JSON.stringify(doc));
    expect(JSON.stringify(generateThread({ comments: 2000, seed: 8 }))).not.toBe(JSON.stringify(doc));
  });

  it('is a valid export, as the import reads it', () => {
    expect(parseColloquyExport(JSON.stringify(doc))).toEqual(doc);
    expect(comments).toHaveLength(2000);
  });

  it('has ~60 % top-level comments, replies up to depth 5, parents always earlier', () => {
    const depth = new Map<number, number>();
    for (const comment of comments) {
      if (comment.parentId !== null) expect(comment.parentId).toBeLessThan(comment.id);
      depth.set(comment.id, comment.parentId === null ? 1 : depth.get(comment.parentId)! + 1);
    }
    const topLevel = comments.filter((comment) => comment.parentId === null).length / comments.length;
    expect(topLevel).toBeGreaterThan(0.55);
    expect(topLevel).toBeLessThan(0.65);
    expect(Math.max(...depth.values())).toBe(MAX_GENERATED_DEPTH);
  });

  it('writes bodies of 20–200 plain words, read by the Markdown pipeline exactly as exported', () => {
    const words = comments.map((comment) => comment.body.split(/\s+/).length);
    expect(Math.min(...words)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...words)).toBeLessThanOrEqual(200);
    for (const comment of comments.slice(0, 50)) expect(commentMarkdownToRich(comment.body)).toEqual(comment.content);
  });

  it('dates comments in order, with example.com emails', () => {
    for (let i = 1; i < comments.length; i++) expect(comments[i].createdAt > comments[i - 1].createdAt).toBe(true);
    expect(comments.every((comment) => comment.email?.endsWith('@example.com'))).toBe(true);
  });
});
