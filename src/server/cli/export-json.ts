// npm run export [-- --include-emails] > backup.json
import { exportAll } from './export';
import { openCliStore, runCli } from './open';

runCli(async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--include-emails');
  if (unknown.length) throw new Error(`Unknown option ${unknown[0]}. Usage: npm run export [-- --include-emails]`);
  const { store } = await openCliStore();
  try {
    const doc = await exportAll(store, { includeEmails: args.includes('--include-emails') });
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    await store.close();
  }
});
