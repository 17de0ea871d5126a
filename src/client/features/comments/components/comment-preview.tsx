// What the comment will look like once posted: the very pipeline the server
// runs (src/domain/content/comment-markdown), loaded only when Preview is used,
// so readers who never preview never download a Markdown parser.
import { useEffect, useState } from 'react';
import type { CommentContent } from '../../../../contract/rich-text';
import { RichText } from '../../../components/rich-text';

type ToRich = (markdown: string) => CommentContent;

let loading: Promise<ToRich> | undefined;
const loadParser = () => (loading ??= import('../../../../domain/content/comment-markdown').then((m) => m.commentMarkdownToRich));

export function CommentPreview({ id, text }: { id: string; text: string }) {
  const [toRich, setToRich] = useState<ToRich | null>(null);
  useEffect(() => {
    let live = true;
    void loadParser().then((parse) => live && setToRich(() => parse));
    return () => {
      live = false;
    };
  }, []);
  // Trimmed as the shared schema trims it before the server formats it.
  const body = text.trim();
  return (
    <section id={id} className="comment-preview" aria-label="Preview" aria-live="polite">
      {!toRich ? (
        <p className="preview-note">Loading the preview…</p>
      ) : body === '' ? (
        <p className="preview-note">Nothing to preview yet.</p>
      ) : (
        <RichText className="comment-body" nodes={toRich(body)} linkRel="nofollow ugc noopener" dir="auto" />
      )}
    </section>
  );
}
