// npm run export [-- --include-emails] [-- --out FILE]
// Without --out the JSON goes to stdout; `npm run` prints its banner there too,
// so --out (or `npm run --silent export`) is the way to a clean file.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAll } from './export';
import { openCliStore, runCli } from './open';

const USAGE = 'Usage: npm run export [-- [--include-emails] [--out FILE]]';

function options() {
  try {
    return parseArgs({ options: { 'include-emails': { type: 'boolean', default: false }, out: { type: 'string' } } }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
}

runCli(async () => {
  const { 'include-emails': includeEmails, out } = options();
  const { store } = await openCliStore();
  try {
    const doc = await exportAll(store, { includeEmails });
    const json = `${JSON.stringify(doc, null, 2)}\n`;
    if (out === undefined) {
      process.stdout.write(json);
      return;
    }
    writeFileSync(out, json);
    const comments = doc.articles.reduce((sum, article) => sum + article.comments.length, 0);
    const emails = includeEmails ? 'with' : 'without';
    process.stdout.write(`Exported ${doc.articles.length} article(s) and ${comments} comment(s), ${emails} emails, to ${out}.\n`);
  } finally {
    await store.close();
  }
});
