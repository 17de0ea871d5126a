// What the HTTP server itself allows each client: time to send a request,
// connections held at once, and a JSON answer (not Node's empty one) when a
// request cannot even be parsed.
import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from '../contract/api-error';
import type { ErrorCode } from '../contract/schemas';
import type { Config } from './config';
import type { Logger } from './log';
import { securityHeaders } from './security';

type Limits = Pick<Config, 'requestTimeoutSeconds' | 'maxConnectionsPerClient' | 'trustProxy' | 'mediaOrigins'>;

/**
 * A comment is at most a few hundred kilobytes: a client that takes longer than
 * the request timeout to send one (or 10 s for its headers) is holding a
 * connection open, not posting. Node's defaults are 60 s and 300 s.
 */
export function serverOptions(limits: Limits): ServerOptions {
  const requestTimeout = limits.requestTimeoutSeconds * 1000;
  return {
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    keepAliveTimeout: 5_000,
    // How often Node looks for requests past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, requestTimeout),
  };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** Node's parser errors, as the API's errors. */
function errorFor(code: string | undefined): ApiError {
  const map: Record<string, [ErrorCode, string]> = {
    HPE_HEADER_OVERFLOW: ['headers_too_large', 'The request headers are too large.'],
    ERR_HTTP_REQUEST_TIMEOUT: ['request_timeout', 'The request took too long to arrive.'],
  };
  const [errorCode, message] = map[code ?? ''] ?? ['bad_request', 'This is not a valid HTTP request.'];
  return new ApiError(errorCode, message);
}

export function guardConnections(server: Server, limits: Limits, logger: Logger): void {
  const headers = securityHeaders(limits.mediaOrigins);
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    // A client that went away needs no answer, and is no server error.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const apiError = errorFor(error.code);
    const body = JSON.stringify(apiError.toBody());
    const lines = [
      `HTTP/1.1 ${apiError.status} ${REASONS[apiError.status] ?? 'Error'}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    logger.info('refused a malformed request', { status: apiError.status, code: apiError.code });
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });

  // Behind a proxy every connection comes from the proxy: the cap would count everyone as one.
  if (limits.maxConnectionsPerClient <= 0 || limits.trustProxy) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerClient) {
      logger.warn('refused a connection over the per-client limit', { limit: limits.maxConnectionsPerClient });
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Whether a request failed because its client closed the connection (not a server error). */
export function isClientAbort(request: IncomingMessage | undefined, error: unknown): boolean {
  if (request?.destroyed && !request.complete) return true;
  const message = error instanceof Error ? `${error.name} ${error.message} ${String((error as { code?: string }).code ?? '')}` : '';
  return /\baborted\b|AbortError|ECONNRESET|terminated/i.test(message);
}
