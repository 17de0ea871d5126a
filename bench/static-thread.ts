// The benchmark's yardstick: a generated thread as one static page in WordPress's
// markup (Twenty Twenty's comment list, as wp_list_comments writes it), the whole
// thread on one page, with the comment form at the end and a small script doing
// what WordPress's comment-reply.js does: "Reply" moves the form under the comment.
import type { ExportDocument, ExportedComment } from '../src/server/cli/export-format';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One small avatar shared by every comment, inline (WordPress's "mystery person" stands in for Gravatar). */
const AVATAR =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' fill='%23ccc'/%3E" +
  "%3Ccircle cx='16' cy='12' r='6' fill='%23fff'/%3E%3Cpath d='M5 30c1-7 6-10 11-10s10 3 11 10z' fill='%23fff'/%3E%3C/svg%3E";

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "January 15, 2024 at 9:00 am", as WordPress's default date and time formats write it (UTC here). */
function wordPressDate(iso: string): string {
  const d = new Date(iso);
  const hour = d.getUTCHours() % 12 || 12;
  const minutes = String(d.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${hour}:${minutes} ${d.getUTCHours() < 12 ? 'am' : 'pm'}`;
}

/** Plain-text bodies only (what the generator writes): paragraphs as <p>. */
const paragraphs = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n');

function renderComment(comment: ExportedComment, depth: number, index: number, children: string): string {
  const id = comment.id;
  const name = escapeHtml(comment.author);
  const author = comment.url ? `<a href="${escapeHtml(comment.url)}" rel="external nofollow ugc" class="url">${name}</a>` : name;
  const parity = index % 2 ? 'odd' : 'even';
  const classes = [`comment`, parity, depth === 1 ? `thread-${parity}` : '', `depth-${depth}`, children ? 'parent' : '', comment.byArticleAuthor ? 'bypostauthor byuser' : '']
    .filter(Boolean)
    .join(' ');
  return `<li id="comment-${id}" class="${classes}">
<article id="div-comment-${id}" class="comment-body">
<footer class="comment-meta">
<div class="comment-author vcard"><img alt="" src="${AVATAR}" class="avatar avatar-120 photo" height="120" width="120" loading="lazy" decoding="async"><span class="fn">${author}</span><span class="screen-reader-text says">says:</span></div>
<div class="comment-metadata"><a href="#comment-${id}"><time datetime="${comment.createdAt}" title="${wordPressDate(comment.createdAt)}">${wordPressDate(comment.createdAt)}</time></a></div>
</footer>
<div class="comment-content entry-content">
${paragraphs(comment.body)}
</div>
<footer class="comment-footer-meta"><span class="comment-reply"><a rel="nofollow" class="comment-reply-link" href="#respond" data-commentid="${id}" data-belowelement="div-comment-${id}" data-respondelement="respond" data-replyto="Reply to ${name}" aria-label="Reply to ${name}">Reply</a></span></footer>
</article>${children ? `\n<ol class="children">\n${children}\n</ol>` : ''}
</li>`;
}

/** What comment-reply.js does, in short: a click on "Reply" moves #respond below the comment and focuses its field. */
const COMMENT_REPLY_SCRIPT = `(function () {
  function init() {
    var respond = document.getElementById('respond');
    var cancel = document.getElementById('cancel-comment-reply-link');
    var parentField = document.getElementById('comment_parent');
    var links = document.getElementsByClassName('comment-reply-link');
    function click(event) {
      var link = event.currentTarget;
      var below = document.getElementById(link.getAttribute('data-belowelement'));
      if (!below || !respond) return;
      event.preventDefault();
      if (!document.getElementById('wp-temp-form-div')) {
        var temp = document.createElement('div');
        temp.id = 'wp-temp-form-div';
        temp.style.display = 'none';
        respond.parentNode.insertBefore(temp, respond);
      }
      below.parentNode.insertBefore(respond, below.nextSibling);
      parentField.value = link.getAttribute('data-commentid');
      document.getElementById('reply-title').firstChild.textContent = link.getAttribute('data-replyto');
      cancel.style.display = '';
      document.getElementById('comment').focus();
    }
    for (var i = 0; i < links.length; i++) links[i].addEventListener('click', click);
    cancel.addEventListener('click', function (event) {
      var temp = document.getElementById('wp-temp-form-div');
      if (!temp) return;
      event.preventDefault();
      temp.parentNode.replaceChild(respond, temp);
      parentField.value = '0';
      document.getElementById('reply-title').firstChild.textContent = 'Leave a Reply';
      cancel.style.display = 'none';
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();`;

/** A little of Twenty Twenty's look, so both pages lay out text, avatars and indents. */
const STYLE = `body{margin:0;font:18px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#000;background:#f5efe0}
.post-inner .entry-content,.comments-wrapper{max-width:58rem;margin:0 auto;padding:0 2rem}
.entry-title{font-size:2.5rem;line-height:1.2;text-align:center;margin:3rem auto}
.comment-list,.children{list-style:none;margin:0;padding:0}.children{margin-left:2.5rem}
.comment-body{position:relative;margin-top:2.5rem;padding-left:5rem}
.comment-author .avatar{position:absolute;left:0;top:0;width:3.5rem;height:3.5rem;border-radius:50%}
.comment-author .fn{font-weight:700}.screen-reader-text{position:absolute;clip:rect(1px,1px,1px,1px);width:1px;height:1px;overflow:hidden}
.comment-metadata{font-size:.8em;color:#6d6d6d}.comment-metadata a{color:inherit}
.comment-reply-link{font-size:.8em;font-weight:600;color:#cd2653}
#respond textarea,#respond input[type=text],#respond input[type=email],#respond input[type=url]{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem}`;

/** The article and its whole thread as one static HTML page. */
export function renderStaticThread(doc: ExportDocument): string {
  const article = doc.articles[0];
  const byParent = new Map<number | null, ExportedComment[]>();
  for (const comment of article.comments) {
    const siblings = byParent.get(comment.parentId) ?? [];
    siblings.push(comment);
    byParent.set(comment.parentId, siblings);
  }
  let index = 0;
  const list = (parentId: number | null, depth: number): string =>
    (byParent.get(parentId) ?? []).map((comment) => renderComment(comment, depth, index++, list(comment.id, depth + 1))).join('\n');
  const title = article.title;
  // The generator writes the article as plain paragraphs.
  const text = article.content.map((node) => (typeof node === 'string' ? node : String(node.c?.[0] ?? '')));
  const count = article.comments.length;

  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body class="post-template-default single single-post">
<main id="site-content">
<article class="post type-post status-publish format-standard hentry" id="post-1">
<header class="entry-header"><h1 class="entry-title">${escapeHtml(title)}</h1></header>
<div class="post-inner"><div class="entry-content">
${text.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</div></div>
<div class="comments-wrapper section-inner">
<div class="comments" id="comments">
<div class="comments-header"><h2 class="comment-reply-title">${count.toLocaleString('en')} replies on &ldquo;${escapeHtml(title)}&rdquo;</h2></div>
<div class="comments-inner">
<ol class="comment-list">
${list(null, 1)}
</ol>
</div>
</div>
<div id="respond" class="comment-respond">
<h2 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h2>
<form action="/wp-comments-post.php" method="post" id="commentform" class="section-inner thin max-percentage" novalidate>
<p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p>
<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" size="30" maxlength="245" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" size="30" maxlength="100" aria-describedby="email-notes" autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" size="30" maxlength="200" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"> <input type="hidden" name="comment_post_ID" value="1" id="comment_post_ID"> <input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>
</form>
</div>
</div>
</article>
</main>
<script>${COMMENT_REPLY_SCRIPT}</script>
</body>
</html>
`;
}
