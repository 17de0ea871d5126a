// One JSON object per line on stdout (errors on stderr). Callers pass only
// what is safe to keep: never an email, an IP address, a token or a body.
import type { LogLevel } from './config';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(level: LogLevel, write?: (line: string, level: LogLevel) => void): Logger {
  const sink =
    write ??
    ((line: string, lineLevel: LogLevel) => (lineLevel === 'error' ? process.stderr : process.stdout).write(`${line}\n`));
  const at = (lineLevel: Exclude<LogLevel, 'silent'>) => (msg: string, fields: LogFields = {}) => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg, ...fields }), lineLevel);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
