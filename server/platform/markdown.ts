import { randomBytes } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { BoundedCache } from './boundedCache.ts';

/**
 * Text people write (wiki pages, news, posts, reports, dossiers) is Markdown. It becomes HTML here,
 * on the server, and only here: rendered by markdown-it with raw HTML switched off, then cleaned by
 * sanitize-html against a short allow-list — so no script, style, event handler or `javascript:`
 * link reaches a browser, a feed or a PDF, whatever was typed. The client shows the `html` the API
 * sends and never renders Markdown itself.
 *
 * Images only from our own API (attachments): an image from elsewhere would tell its server who reads
 * the page. Links to other sites open with `rel="nofollow ugc noopener"`.
 */

export interface RenderOptions {
  /**
   * Resolves a `[[wiki link]]` (the text between the brackets) to a path of our own, or null for a
   * page that does not exist (shown as plain text marked as missing).
   */
  wikiLink?: (target: string) => string | null;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/** `[[Page title]]` or `[[Page title|shown text]]`. */
export const wikiLinkPattern = /\[\[([^[\]|\n]{1,160})(?:\|([^[\]\n]{1,160}))?\]\]/g;

/** The targets of every `[[wiki link]]` in a text, trimmed, in order, without repeats. */
export function wikiLinkTargets(markdown: string): string[] {
  const seen = new Set<string>();
  for (const m of markdown.matchAll(wikiLinkPattern)) seen.add(m[1]!.trim());
  return [...seen];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'class'],
    img: ['src', 'alt', 'title'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    span: ['class'],
  },
  allowedClasses: { a: ['wiki-link', 'wiki-link-missing'], span: ['wiki-link-missing'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // a heading level 1 is the page's own title: the text's headings start below it
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:/i.test(href);
      return {
        tagName,
        attribs: external ? { ...attribs, rel: 'nofollow ugc noopener' } : attribs,
      };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !(frame.attribs.src ?? '').startsWith('/api/v1/'),
};

/**
 * HTML rendered before, by text: a thread's page rendered and sanitised the Markdown of each of its
 * 20 posts on every request (about 3 ms of the server's CPU at size M). Only without options: a
 * wiki page's links depend on the reader (wiki/renderCache.ts keeps those).
 */
const rendered = new BoundedCache<string>(2000, 8_000_000, (html) => html.length);

/** Markdown → sanitised HTML, safe to put into a page, a feed or an email. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  if (options.wikiLink === undefined) return rendered.getOrMake(markdown, () => render(markdown, options));
  return render(markdown, options);
}

function render(markdown: string, options: RenderOptions): string {
  let source = markdown;
  const links: string[] = [];
  // each [[link]] becomes a placeholder of letters and digits, which markdown-it passes through as
  // text; a random part per call means nobody can type one
  const nonce = randomBytes(6).toString('hex');
  if (options.wikiLink) {
    source = markdown.replace(wikiLinkPattern, (_all, target: string, shown?: string) => {
      const href = options.wikiLink!(target.trim());
      const text = escapeHtml((shown ?? target).trim());
      links.push(
        href
          ? `<a class="wiki-link" href="${escapeHtml(href)}">${text}</a>`
          : `<span class="wiki-link-missing">${text}</span>`,
      );
      return `kpwl${nonce}x${links.length - 1}y`;
    });
  }
  let html = md.render(source);
  if (links.length > 0)
    html = html.replace(new RegExp(`kpwl${nonce}x(\\d+)y`, 'g'), (_m, i: string) => links[Number(i)] ?? '');
  return sanitizeHtml(html, allowed);
}

/** The text without its markup, for search, excerpts and plain-text emails. */
export function plainText(markdown: string): string {
  const html = md.render(
    markdown.replace(wikiLinkPattern, (_a, target: string, shown?: string) => shown ?? target),
  );
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Excerpts made before, by length and text: a list of 50 map reports rendered and sanitised each
 * report's whole text (up to 5 000 characters) for its 200 — most of the list's server CPU
 * (docs/PERFORMANCE.md, "Wissen at M on PostgreSQL"). A pure function of its key.
 */
const excerpts = new BoundedCache<string>(2000, 4_000_000, (e) => e.length);

/** The first sentences of a text, at most `max` characters, cut at a word. */
export function excerpt(markdown: string, max = 240): string {
  return excerpts.getOrMake(`${max}:${markdown}`, () => makeExcerpt(markdown, max));
}

function makeExcerpt(markdown: string, max: number): string {
  const text = plainText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
