// A big, realistic discussion for benchmarks and tests: deterministic from a
// seed, written as a Colloquy JSON export (version 2), so `npm run import --
// FILE.json` takes it as it is. About 60 % of comments start a thread; replies
// nest up to depth 5 (WordPress's default), parents always come first; bodies
// are 20–200 words of plain English-like text (nothing Markdown would change).
import seedArticle from '../../src/content/seed-article.json';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument, type ExportedComment } from '../../src/server/cli/export-format';

export const MAX_GENERATED_DEPTH = 5;
const TOP_LEVEL_SHARE = 0.6;
const MIN_WORDS = 20;
const MAX_WORDS = 200;

/** mulberry32: a tiny, good-enough PRNG; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Amelia', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hiroshi', 'Ines', 'Jonas', 'Kateryna', 'Liam', 'Maya', 'Nikolai',
  'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'William', 'Ximena', 'Yusuf', 'Zoe', 'Anders', 'Bianca',
  'Carlos', 'Dana', 'Emeka', 'Freya', 'Gabriel', 'Hannah', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Marco', 'Nadia',
];
const LAST_NAMES = [
  'Adams', 'Baker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga', 'Walsh', 'Young', 'Zimmermann',
  'Bauer', 'Costa', 'Novak', 'Olsen', 'Sato',
];
const WORDS = (
  'the of and to in is that it for was on are as with his they at be this have from or one had by word but not what all were we ' +
  'when your can said there use an each which she do how their if will up other about out many then them these so some her would ' +
  'make like him into time has look two more write go see number no way could people my than first water been call who oil its ' +
  'now find long down day did get come made may part rights report court government country law people freedom prison sentence ' +
  'defenders activists union europe sanctions pressure regime evidence trial release support statement history future question ' +
  'agree disagree point argument article reading thoughtful careful honest fair better worse interesting important difficult ' +
  'simple clear reason example letter campaign journalist lawyer family friend neighbour city village winter summer morning ' +
  'evening story idea problem answer change policy election border visit hope doubt fact opinion source record memory'
).split(' ');

const capitalise = (word: string) => word[0].toUpperCase() + word.slice(1);

/** Words, in sentences of 6–18 words; long bodies get a second (and third) paragraph. */
function body(random: () => number, words: number): string[] {
  const paragraphs: string[] = [];
  const paragraphCount = words > 140 ? 3 : words > 70 ? 2 : 1;
  let left = words;
  for (let p = 0; p < paragraphCount; p++) {
    let inParagraph = p === paragraphCount - 1 ? left : Math.round(words / paragraphCount);
    left -= inParagraph;
    const sentences: string[] = [];
    while (inParagraph > 0) {
      const length = Math.min(inParagraph, 6 + Math.floor(random() * 13));
      inParagraph -= length;
      const sentence = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]);
      if (length > 8 && random() < 0.4) sentence[Math.floor(length / 2)] += ',';
      sentences.push(`${capitalise(sentence.join(' '))}${random() < 0.1 ? '?' : '.'}`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

export interface ThreadOptions {
  /** How many comments. */
  comments: number;
  seed: number;
  slug?: string;
  title?: string;
  /** The article's paragraphs (the first is not a title); the demo article's by default. */
  paragraphs?: string[];
}

const ARTICLE_AUTHOR = seedArticle.article.author;
const PUBLISHED_AT = Date.parse('2024-01-15T09:00:00.000Z');

/** An export document with one article and its generated thread. */
export function generateThread({ comments: count, seed, slug, title, paragraphs }: ThreadOptions): ExportDocument {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const articleParagraphs = paragraphs ?? seedArticle.article.paragraphs;
  const comments: ExportedComment[] = [];
  const depthOf = new Map<number, number>();
  /** Comments that may still take a reply (depth below the cap), in order. */
  const open: number[] = [];
  let time = PUBLISHED_AT + 3600_000;

  for (let id = 1; id <= count; id++) {
    let parentId: number | null = null;
    if (id > 1 && open.length && random() >= TOP_LEVEL_SHARE) {
      // Half the replies answer one of the last few comments (a conversation), the rest any earlier one.
      const recent = Math.min(open.length, 12);
      parentId = random() < 0.5 ? open[open.length - 1 - Math.floor(random() * recent)] : pick(open);
    }
    const depth = parentId === null ? 1 : depthOf.get(parentId)! + 1;
    depthOf.set(id, depth);
    if (depth < MAX_GENERATED_DEPTH) open.push(id);

    const byArticleAuthor = parentId !== null && random() < 0.03;
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const author = byArticleAuthor ? ARTICLE_AUTHOR : `${first} ${last}`;
    const email = byArticleAuthor ? 'author@example.com' : `${first}.${last}${Math.floor(random() * 100)}@example.com`.toLowerCase();
    const hasUrl = !byArticleAuthor && random() < 0.15;
    const avatar = Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join('');
    const text = body(random, MIN_WORDS + Math.floor(random() * (MAX_WORDS - MIN_WORDS + 1)));
    time += 1000 * (5 + Math.floor(random() * 900));
    comments.push({
      id,
      parentId,
      author,
      email,
      url: hasUrl ? `https://${first.toLowerCase()}-${last.toLowerCase()}.example.com/` : null,
      avatar,
      body: text.join('\n\n'),
      content: text.map((paragraph) => ({ t: 'p' as const, c: [paragraph] })),
      byArticleAuthor,
      createdAt: new Date(time).toISOString(),
      status: 'approved',
    });
  }

  const articleSlug = slug ?? `big-thread-${count}`;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(time + 60_000).toISOString(),
    articles: [
      {
        slug: articleSlug,
        title: title ?? `${seedArticle.article.title} (${count.toLocaleString('en')} comments)`,
        author: ARTICLE_AUTHOR,
        publishedAt: new Date(PUBLISHED_AT).toISOString(),
        excerpt: `${articleParagraphs[0].slice(0, 200).replace(/\s+\S*$/, '')}…`,
        commentsOpen: true,
        hidden: false,
        content: articleParagraphs.map((paragraph) => ({ t: 'p' as const, c: [paragraph] })),
        comments,
      },
    ],
  };
}
