// npm run article -- FILE.md : adds the article, or updates the one with its slug.
import { readFileSync } from 'node:fs';
import { richToText } from '../../domain/content/plain-text';
import { parseMarkdownArticle } from './markdown-article';
import { openCliStore, runCli } from './open';

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run article -- FILE.md (front matter: title, slug, date, author)');
  const article = parseMarkdownArticle(readFileSync(file, 'utf8'), file);
  const { store } = await openCliStore();
  try {
    const saved = await store.saveArticle(article);
    const words = richToText(saved.content).split(/\s+/).filter(Boolean).length;
    process.stdout.write(`Saved “${saved.title}” at /articles/${saved.slug} (${words} words).\n`);
  } finally {
    await store.close();
  }
});
