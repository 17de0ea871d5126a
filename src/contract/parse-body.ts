// How every backend reads a POST body: the size limit first, then strict UTF-8, then JSON.
import { ApiError } from './api-error';
import { MAX_REQUEST_BYTES } from './new-comment';

export const payloadTooLarge = () => new ApiError('payload_too_large', 'This request is too large to be a comment.');

// fatal: a malformed byte sequence (FF FE, overlong C0 80, CESU-8 surrogates) is refused,
// never silently replaced by U+FFFD and stored.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody(bytes: ArrayBuffer): unknown {
  if (bytes.byteLength > MAX_REQUEST_BYTES) throw payloadTooLarge();
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}
