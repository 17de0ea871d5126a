// npm run import -- FILE : a WordPress export (WXR, XML), a Disqus export (XML) or a
// Colloquy export (JSON, from npm run export), told apart by their content, whatever
// the file is called; safe to run again.
import { readFileSync } from 'node:fs';
import type { KyselyStore } from '../db/kysely-store';
import { describeDisqusImport, importDisqus, isDisqusExport, parseDisqus } from './disqus';
import { describeJsonImport, importJson, parseColloquyExport } from './import-json';
import { openCliStore, runCli } from './open';
import { describeWxrImport, importWxr, parseWxr } from './wxr';

const USAGE = 'Usage: npm run import -- FILE (a WordPress or Disqus export, XML, or a Colloquy export, JSON)';

/** Imports into the store and says what it did. */
type Import = (store: KyselyStore, avatarSecret: string) => Promise<string>;

/** The file's import, once the file is parsed and checked: a refused file never opens the store. */
function importFor(file: string, source: string): Import {
  if (source.startsWith('{')) {
    const doc = parseColloquyExport(source);
    return async (store, avatarSecret) => describeJsonImport(await importJson(store, doc, avatarSecret));
  }
  if (isDisqusExport(source)) {
    const parsed = parseDisqus(source);
    return async (store, avatarSecret) => describeDisqusImport(await importDisqus(store, parsed, avatarSecret));
  }
  if (source.startsWith('<')) {
    const parsed = parseWxr(source);
    return async (store, avatarSecret) => describeWxrImport(parsed, await importWxr(store, parsed, avatarSecret));
  }
  throw new Error(`${file} is neither a WordPress export (XML) nor a Colloquy export (JSON) nor a Disqus export (XML).\n${USAGE}`);
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
