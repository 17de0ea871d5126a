// The rich-content pipelines (src/domain/content) on their own: what each source
// keeps, and that no XSS payload survives any of them as live markup.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichText } from '../../src/client/components/rich-text';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { ARTICLE_TAGS, articleContentSchema, type RichNode } from '../../src/contract/rich-text';
import {
  articleMarkdownToRich,
  htmlToPlainText,
  wordPressArticleToRich,
  wordPressCommentToRich,
} from '../../src/domain/content/article-source';
import { commentMarkdownToRich } from '../../src/domain/content/comment-markdown';
import { excerptOfText, richToText, textToRich } from '../../src/domain/content/plain-text';

// From the OWASP XSS filter evasion cheat sheet and the usual suspects.
const PAYLOADS = [
  '<script>window.pwned=1</script>',
  '<img src=x onerror="window.pwned=1">',
  '<svg onload=window.pwned=1>',
  '<a href="javascript:window.pwned=1">click</a>',
  '<a href="JaVaScRiPt:window.pwned=1">click</a>',
  '<a href="java&#x09;script:window.pwned=1">tab</a>',
  '<a href=" javascript:window.pwned=1">space</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<p onclick="window.pwned=1" onmouseover="x()">handlers</p>',
  '<form action="https://evil.example"><input name="q"><button>go</button></form>',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>body{display:none}</style>',
  '<img src="javascript:alert(1)" alt="x">',
  '<blockquote cite="javascript:alert(1)">q</blockquote>',
  '<a href="https://ok.example" target="_blank" id="x" name="y" class="c">ok</a>',
  '<template><script>alert(1)</script></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '[md link](javascript:alert(1)) ![md img](javascript:alert(1)) <javascript:alert(1)>',
  '[ref][r]\n\n[r]: javascript:alert(1)',
];

const RENDERED_ATTRIBUTES = new Set([
  'href', 'title', 'cite', 'src', 'alt', 'width', 'height', 'start', 'reversed', 'colSpan', 'rowSpan',
  'className', 'rel', 'loading', 'decoding', 'tabIndex',
]);
const RENDERED_TAGS = new Set<string>([...ARTICLE_TAGS, 'div']);

/** What the browser would get: the rendered HTML parsed back, every element and attribute checked. */
function expectInert(nodes: RichNode[]) {
  articleContentSchema.parse(nodes);
  const html = renderToStaticMarkup(createElement(RichText, { nodes, className: 'x', linkRel: 'nofollow ugc noopener' }));
  visit(fromHtml(html, { fragment: true }), 'element', (element) => {
    expect(RENDERED_TAGS.has(element.tagName), element.tagName).toBe(true);
    for (const [name, value] of Object.entries(element.properties)) {
      expect(RENDERED_ATTRIBUTES.has(name), `${element.tagName}[${name}]`).toBe(true);
      if (name === 'href' || name === 'src' || name === 'cite') {
        expect(/^(https?:|mailto:|[^:]*$)/i.test(String(value).trim()), String(value)).toBe(true);
      }
    }
  });
}

describe('no XSS payload survives any pipeline as markup', () => {
  const pipelines: Array<[string, (source: string) => RichNode[]]> = [
    ['comment Markdown', commentMarkdownToRich],
    ['article Markdown (HTML allowed, then sanitised)', articleMarkdownToRich],
    ['WordPress article HTML', (source) => wordPressArticleToRich(source)],
    ['WordPress comment HTML', wordPressCommentToRich],
  ];
  for (const [name, pipeline] of pipelines) {
    it.each(PAYLOADS)(`${name}: %s`, (payload) => {
      expectInert(pipeline(`Before ${payload} after`));
    });
  }

  it('shows raw HTML typed in a comment as the text that was typed', () => {
    const content = commentMarkdownToRich('<img src=x onerror="window.pwned=1"> <b>bold?</b>');
    expect(content).toEqual([{ t: 'p', c: ['<img src=x onerror="window.pwned=1"> <b>bold?</b>'] }]);
  });

  it('keeps the safe part of a link: an allowed URL stays, a javascript: one goes', () => {
    expect(commentMarkdownToRich('[a](https://a.example) [b](javascript:alert(1)) <mailto:me@example.org>')).toEqual([
      { t: 'p', c: [{ t: 'a', a: { href: 'https://a.example' }, c: ['a'] }, ' ', { t: 'a', c: ['b'] }, ' ', { t: 'a', a: { href: 'mailto:me@example.org' }, c: ['mailto:me@example.org'] }] },
    ]);
  });
});

describe('comment Markdown', () => {
  it('keeps the subset: line breaks, emphasis, strikethrough, code, quotes, lists; headings and rules stay text', () => {
    const content = commentMarkdownToRich('Line one\nline two ~~gone~~ `x < y`\n\n# not a heading\n\n---\n\n```\n  kept  \n```\n\n- a\n- b');
    expect(content).toEqual([
      { t: 'p', c: ['Line one', { t: 'br' }, 'line two ', { t: 'del', c: ['gone'] }, ' ', { t: 'code', c: ['x < y'] }] },
      { t: 'p', c: ['# not a heading'] },
      { t: 'p', c: ['---'] },
      { t: 'pre', c: [{ t: 'code', c: ['  kept  \n'] }] },
      { t: 'ul', c: [{ t: 'li', c: ['a'] }, { t: 'li', c: ['b'] }] },
    ]);
  });

  it('survives pathological nesting without deep trees', () => {
    const content = commentMarkdownToRich(`${'> '.repeat(2000)}deep`);
    let depth = 0;
    let node: RichNode | undefined = content[0];
    while (typeof node === 'object' && node.t === 'blockquote') {
      depth += 1;
      node = node.c?.[0];
    }
    expect(depth).toBeLessThanOrEqual(33);
    expect(richToText(content)).toContain('deep');
  });
});

describe('WordPress HTML', () => {
  it('applies wpautop: blank lines part paragraphs, single newlines are line breaks, <pre> keeps its whitespace', () => {
    expect(wordPressArticleToRich('First para\nsame para\n\nSecond para\n\n<pre>  a\n    b</pre>')).toEqual([
      { t: 'p', c: ['First para', { t: 'br' }, 'same para'] },
      { t: 'p', c: ['Second para'] },
      { t: 'pre', c: ['  a\n    b'] },
    ]);
  });

  it('turns [caption] into a figure with its caption, keeps alignment, moves headings below the title', () => {
    const content = wordPressArticleToRich(
      '<h1>Top</h1><h2>Sub</h2>[caption id="a1" align="alignright" width="300"]<img src="https://m.example/i.jpg" alt="Kite" width="300" height="200" /> A kite[/caption]',
    );
    expect(content).toEqual([
      { t: 'h2', c: ['Top'] },
      { t: 'h3', c: ['Sub'] },
      {
        t: 'figure',
        a: { align: 'right' },
        c: [{ t: 'img', a: { src: 'https://m.example/i.jpg', alt: 'Kite', width: 300, height: 200 } }, { t: 'figcaption', c: [' A kite'] }],
      },
    ]);
  });

  it('keeps code that shows tags as text, and only the comment tags WordPress allows in comments', () => {
    expect(richToText(wordPressArticleToRich('Use <code>&lt;blockquote&gt;</code> here.'))).toBe('Use <blockquote> here.');
    expect(wordPressCommentToRich('<h2>Big</h2> <acronym title="x">ACR</acronym> <strike>old</strike> <img src="https://x/y.png" alt="pic">')).toEqual([
      // A heading is not a comment tag: its text stays, as a paragraph of its own.
      { t: 'p', c: ['Big\n'] },
      { t: 'p', c: [{ t: 'abbr', a: { title: 'x' }, c: ['ACR'] }, ' ', { t: 's', c: ['old'] }] },
    ]);
  });

  it('reads titles and excerpts as plain text', () => {
    expect(htmlToPlainText('Markup: Title <em>With</em> <b>Mark<sup>up</sup></b> &amp; &#039;more&#039;')).toBe("Markup: Title With Markup & 'more'");
    expect(excerptOfText('word '.repeat(100))).toMatch(/^(word ){40,}word…$/);
  });
});

describe('text as typed (the optimistic entry before the server answers)', () => {
  it('parts paragraphs at blank lines and keeps line breaks, reading nothing as Markdown', () => {
    expect(textToRich('**a**\nb\n\n c ')).toEqual([{ t: 'p', c: ['**a**', { t: 'br' }, 'b'] }, { t: 'p', c: ['c'] }]);
  });
});

describe('what is no content', () => {
  it('drops paragraphs left empty by WordPress markers', () => {
    expect(wordPressArticleToRich('One\n\n<!--more-->\n\nTwo\n\n<!--nextpage-->\n\n<p> </p>')).toEqual([
      { t: 'p', c: ['One'] },
      { t: 'p', c: ['Two'] },
    ]);
  });
});

describe('headings and tables from any source', () => {
  it('starts the outline at h2 under the title, whatever level the content starts at', () => {
    expect(wordPressArticleToRich('<h3>Three</h3><h4>Four</h4>')).toEqual([{ t: 'h2', c: ['Three'] }, { t: 'h3', c: ['Four'] }]);
    expect(articleMarkdownToRich('# One\n\n###### Six').map((node) => typeof node !== 'string' && node.t)).toEqual(['h2', 'h6']);
  });

  it('turns an empty header cell into a data cell', () => {
    const [table] = wordPressArticleToRich('<table><tr><th></th><th>Name</th></tr></table>');
    expect(JSON.stringify(table)).toContain('{"t":"td"}');
    expect(JSON.stringify(table)).toContain('{"t":"th","c":["Name"]}');
  });
});
