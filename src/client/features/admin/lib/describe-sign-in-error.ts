// Why a token was not taken, in words for the moderator next to the field.
import { isApiClientError } from '../../../lib/api-client';

const wait = (seconds: number) =>
  seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;

export function describeSignInError(error: unknown): string {
  if (!isApiClientError(error)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'unauthorized':
    case 'forbidden':
      return 'This is not the admin token. Check ADMIN_TOKEN on the server (it is at least 16 characters).';
    case 'too_many_requests':
      return `Too many wrong tokens from here. Try again in ${wait(error.retryAfterSeconds ?? 60)}.`;
    case 'network_error':
      return 'We could not reach the server. Check your connection and try again.';
    default:
      return 'The server is not answering right now. Try again in a moment.';
  }
}
