// [gallery] from the export's own media library: a WXR file lists the site's
// images as attachment items, so a gallery can show them (linked from the old
// site, like every other image of an imported article).
import type { ShortcodeHandlers } from '../../domain/content/article-source';

export interface WxrAttachment {
  /** wp:post_id */
  id: string;
  /** The post it was uploaded to (wp:post_parent). */
  parentId: string;
  menuOrder: number;
  url: string;
  alt: string;
  /** The attachment's excerpt, which WordPress shows under it in a gallery (HTML). */
  caption: string;
}

const IMAGE = /\.(avif|gif|jpe?g|png|webp)(\?.*)?$/i;
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The [gallery] handler for one post: the images named by `ids` (or `include`)
 * in that order, else the post's own uploads in WordPress's default order
 * (menu order, then id). The HTML it returns is sanitised like the rest of the post.
 */
export function galleryShortcode(postId: string, attachments: ReadonlyMap<string, WxrAttachment>): ShortcodeHandlers[string] {
  return (shortcode) => {
    const ids = shortcode.attrs.named.ids ?? shortcode.attrs.named.include;
    const chosen = ids
      ? ids.split(',').flatMap((id) => attachments.get(id.trim()) ?? [])
      : [...attachments.values()]
          .filter((attachment) => attachment.parentId === postId)
          .sort((a, b) => a.menuOrder - b.menuOrder || Number(a.id) - Number(b.id));
    const figures = chosen
      .filter((attachment) => IMAGE.test(attachment.url))
      .map(({ url, alt, caption }) => {
        const figcaption = caption.trim() ? `<figcaption>${caption}</figcaption>` : '';
        return `<figure><div><img src="${escapeAttribute(url)}" alt="${escapeAttribute(alt)}"></div>${figcaption}</figure>`;
      });
    // WordPress's own HTML5 gallery markup (the divs are unwrapped when sanitised). Without the
    // div around the image, wpautop would close a stray paragraph before the second figcaption.
    return figures.length ? `<div class="gallery">${figures.join('')}</div>` : '';
  };
}
