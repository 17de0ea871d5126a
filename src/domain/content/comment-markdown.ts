// A comment as typed (a Markdown subset) → the document model. Run once when
// the comment is written (the comment service, on the server and in the mock)
// and by the form's Preview, which loads this module on demand.
import type { Root as MdastRoot } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import remarkBreaks from 'remark-breaks';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import { unified, type Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { CommentContent } from '../../contract/rich-text';
import { commentSanitizeSchema } from './sanitize-schema';
import { toRich } from './to-rich';

/**
 * The subset: paragraphs, line breaks, emphasis, strikethrough, inline code, code
 * blocks, block quotes, lists and links. Raw HTML, headings and rules are turned
 * off in the parser itself, so `<b>` or `# hi` stay the text that was typed.
 */
function commentSyntax(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(
    gfmStrikethrough({ singleTilde: false }),
    gfmAutolinkLiteral(),
    { disable: { null: ['htmlFlow', 'htmlText', 'headingAtx', 'setextUnderline', 'thematicBreak'] } },
  );
  (data.fromMarkdownExtensions ??= []).push(gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown());
}

/** Images in comments are links to them (with the alt text), never loaded by readers' browsers. */
function imagesAsLinks() {
  return (tree: MdastRoot) => {
    visit(tree, 'image', (node, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = { type: 'link', url: node.url, title: node.title, children: [{ type: 'text', value: node.alt || node.url }] };
      return SKIP;
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(commentSyntax)
  .use(remarkBreaks)
  .use(imagesAsLinks)
  .use(remarkRehype)
  .use(rehypeSanitize, commentSanitizeSchema)
  .freeze();

export function commentMarkdownToRich(markdown: string): CommentContent {
  return toRich(processor.runSync(processor.parse(markdown)), 'comment');
}
