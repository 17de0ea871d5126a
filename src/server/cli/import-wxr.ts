// npm run import -- FILE.xml : imports a WordPress export; safe to run again.
import { readFileSync } from 'node:fs';
import { openCliStore, runCli } from './open';
import { importWxr, parseWxr } from './wxr';

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run import -- FILE.xml (a WordPress WXR export)');
  const parsed = parseWxr(readFileSync(file, 'utf8'));
  const { store, avatarSecret } = await openCliStore();
  try {
    const counts = await importWxr(store, parsed, avatarSecret);
    process.stdout.write(
      `Imported ${counts.articles} article(s): ${counts.commentsCreated} new comment(s), ${counts.commentsExisting} already there; skipped ${counts.skippedItems} item(s) and ${counts.skippedComments} comment(s).\n`,
    );
  } finally {
    await store.close();
  }
});
