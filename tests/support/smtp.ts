// A real SMTP server for tests (the smtp-server package), keeping every message it
// receives, parsed by mailparser, with the raw text and the envelope's recipients.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  rcptTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** A header's raw value ("List-Unsubscribe" → "<https://…>"), unfolded. */
  header(name: string): string | undefined;
}

export interface TestSmtp {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** The first message (after `after` of them) that satisfies `match`, once it arrives. */
  waitFor(match: (mail: ReceivedMail) => boolean, options?: { after?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to make.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const lines = parsed.headerLines;
            messages.push({
              rcptTo: session.envelope.rcptTo.map((to) => to.address),
              raw,
              parsed,
              header: (name) => {
                const line = lines.find((l) => l.key === name.toLowerCase())?.line;
                return line?.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
              },
            });
            for (const wake of waiters) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    waitFor(match, { after = 0 } = {}) {
      return new Promise((resolve) => {
        const check = () => {
          const found = messages.slice(after).find(match);
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
