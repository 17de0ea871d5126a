// The CLI tools use the same configuration (DATA_DIR / DATABASE_URL) as the server.
import { loadConfig, ConfigError } from '../config';
import { openStore, resolveAvatarSecret, type KyselyStore } from '../db/kysely-store';

export async function openCliStore(): Promise<{ store: KyselyStore; avatarSecret: string }> {
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  return { store, avatarSecret: await resolveAvatarSecret(store, config.avatarSecret) };
}

/** Runs a CLI's main, printing a short message (no stack) and exiting 1 on failure. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
}
