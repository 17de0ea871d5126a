// Why an edit or a deletion of one's own comment failed, in words that say what to do.
import { isApiClientError } from '../../../lib/api-client';

export function describeOwnChangeError(error: unknown, change: 'edit' | 'delete'): string {
  const kept = change === 'edit' ? ' Your text is still here, so you can copy it.' : '';
  if (!isApiClientError(error)) return `Something went wrong.${kept}`;
  switch (error.code) {
    case 'edit_window_closed':
      // The server's words say how long the window is.
      return `${error.message}${kept}`;
    case 'not_your_comment':
    case 'not_found':
      return `This comment can no longer be changed from this browser.${kept}`;
    case 'duplicate_comment':
      return 'It looks as though you have already said that.';
    case 'network_error':
      return `We could not reach the server. Check your connection and try again.${kept}`;
    default:
      return error.status >= 500 ? `Something went wrong on our side. Please try again.${kept}` : `${error.message}${kept}`;
  }
}
