// WordPress HTML → plain paragraphs of Markdown-ish text. No HTML survives:
// the reader shows comments and articles as text.
import TurndownService from 'turndown';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', emDelimiter: '_' });
// Content that is not text at all.
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'noscript', 'template']);
// Images: keep the alt text, never a remote URL the page would load.
turndown.addRule('image-alt', { filter: 'img', replacement: (_content, node) => (node as HTMLElement).getAttribute?.('alt') ?? '' });

/** WordPress stores text with blank lines between paragraphs and adds <p> only on display (wpautop). */
function autop(html: string): string {
  if (/<p[\s>]/i.test(html)) return html;
  return html
    .split(/\r?\n\s*\r?\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => `<p>${chunk.replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

/** Paragraphs of text from WordPress HTML; any leftover tag is dropped. */
export function htmlToParagraphs(html: string): string[] {
  const markdown = turndown.turndown(autop(html));
  return markdown
    .split(/\n{2,}/)
    .map((p) => p.replace(/<\/?[a-z][^>]*>/gi, '').trim())
    .filter(Boolean);
}

/** One text (paragraphs joined by blank lines), for a comment body. */
export function htmlToText(html: string): string {
  return htmlToParagraphs(html).join('\n\n');
}
