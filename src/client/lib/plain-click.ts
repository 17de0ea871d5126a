import type { MouseEvent } from 'react';

/** A click the page may handle itself: with a modifier or another button, the browser opens the link its own way (new tab, window). */
export const isPlainClick = (event: MouseEvent) => event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
