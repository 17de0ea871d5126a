// The server's react-query cache travels in <script type="application/json"
// id="colloquy-state">, written there by the server (src/server/ssr.ts).
import { STATE_ELEMENT_ID } from '../../contract/ssr';

/** Undefined when there is no server state (static build: the placeholder comment is left). */
export function readState(doc: Document): unknown {
  const text = doc.getElementById(STATE_ELEMENT_ID)?.textContent?.trim();
  if (!text || !text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
