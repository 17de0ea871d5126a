// How every backend reads a POST body: the size limit first, then JSON.
import { ApiError } from './api-error';
import { MAX_REQUEST_BYTES, byteLength } from './schemas';

export const payloadTooLarge = () => new ApiError('payload_too_large', 'This request is too large to be a comment.');

export function parseJsonBody(text: string): unknown {
  if (byteLength(text) > MAX_REQUEST_BYTES) throw payloadTooLarge();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}
