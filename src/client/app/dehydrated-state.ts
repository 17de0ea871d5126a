// The server's react-query cache travels in <script type="application/json"
// id="colloquy-state">. '<' is escaped so the JSON can never close the script.
export const STATE_ELEMENT_ID = 'colloquy-state';

export function serializeState(state: unknown): string {
  return JSON.stringify(state).replace(/</g, '\\u003c');
}

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
