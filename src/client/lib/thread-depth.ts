// How deep replies nest before they line up at the deepest level: a build-time
// choice (VITE_MAX_THREAD_DEPTH), like WordPress's "threaded comments N levels deep".
import { DEFAULT_MAX_DEPTH } from '../../domain/threading';

const configured = Number(import.meta.env.VITE_MAX_THREAD_DEPTH);

export const MAX_THREAD_DEPTH = Number.isInteger(configured) && configured >= 1 ? configured : DEFAULT_MAX_DEPTH;
