// Where the quote tooling finds the article's text: the element ArticleView renders it in.
// A class rather than a ref handed down, so comments, the form and the article's own
// tooling (each loaded on demand, far apart in the tree) find it without prop drilling.
export const ARTICLE_BODY_CLASS = 'article-body';

export const findArticleBody = (): Element | null => document.querySelector(`.${ARTICLE_BODY_CLASS}`);
