// npm run import -- FILE : a WordPress export (WXR, XML) or a Colloquy export
// (JSON, from npm run export), told apart by their first character; safe to run again.
import { readFileSync } from 'node:fs';
import type { KyselyStore } from '../db/kysely-store';
import { describeJsonImport, importJson, parseColloquyExport } from './import-json';
import { openCliStore, runCli } from './open';
import { describeWxrImport, importWxr, parseWxr } from './wxr';

const USAGE = 'Usage: npm run import -- FILE (a WordPress export, .xml, or a Colloquy export, .json)';

/** Imports into the store and says what it did. */
type Import = (store: KyselyStore, avatarSecret: string) => Promise<string>;

/** The file's import, once the file is parsed and checked: a refused file never opens the store. */
function importFor(file: string, source: string): Import {
  if (source.startsWith('{')) {
    const doc = parseColloquyExport(source);
    return async (store) => describeJsonImport(await importJson(store, doc));
  }
  if (source.startsWith('<')) {
    const parsed = parseWxr(source);
    return async (store, avatarSecret) => describeWxrImport(parsed, await importWxr(store, parsed, avatarSecret));
  }
  throw new Error(`${file} is neither a WordPress export (XML) nor a Colloquy export (JSON).\n${USAGE}`);
}

runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error(USAGE);
  const run = importFor(file, readFileSync(file, 'utf8').trim());
  const { store, avatarSecret } = await openCliStore();
  try {
    process.stdout.write(`${await run(store, avatarSecret)}\n`);
  } finally {
    await store.close();
  }
});
