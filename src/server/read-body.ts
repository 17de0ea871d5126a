// Reads a POST body with the request limit applied as it streams in.
import { payloadTooLarge } from '../contract/parse-body';
import { MAX_REQUEST_BYTES } from '../contract/new-comment';

/**
 * A body past the limit is still read to its end (and thrown away) up to this
 * many bytes, so the client gets its 413 instead of a connection reset in the
 * middle of sending; a body larger still is cut off.
 */
const DRAIN_BYTES = 4 * MAX_REQUEST_BYTES;

export async function readBody(request: Request): Promise<ArrayBuffer> {
  // Declared too large: refused before reading; Node discards the unread body itself.
  if (Number(request.headers.get('Content-Length')) > MAX_REQUEST_BYTES) throw payloadTooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      if (total > DRAIN_BYTES) {
        await reader.cancel();
        break;
      }
      if (total <= MAX_REQUEST_BYTES) chunks.push(read.value);
    }
  }
  if (total > MAX_REQUEST_BYTES) throw payloadTooLarge();
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}
