// Reading what fast-xml-parser makes of an export (WordPress's WXR, Disqus's XML):
// an element is a string, an object with '#text' (when it also has attributes or
// CDATA), or an array (tags the parser is told may repeat).

export type Fields = Record<string, unknown>;

/** An element's text; '' when it is missing or holds only attributes or children. */
export const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return '#text' in (value as Fields) ? String((value as Fields)['#text']) : '';
  return String(value);
};

/** A repeated element's occurrences; none when it is missing. */
export const list = (value: unknown): Fields[] => (Array.isArray(value) ? (value as Fields[]) : []);
