/** Matched words in <mark>…</mark>, the rest HTML-escaped: ts_headline cannot find words inside unsegmented Chinese. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Highlights the tokens in `text`; with `window`, cuts a fragment around the first match (… marks a cut). */
export function highlight(text: string, tokens: readonly string[], window?: number): { html: string; matched: boolean } {
  const words = [...new Set(tokens)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (words.length === 0) return { html: escapeHtml(cut(text, 0, window)), matched: false };
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'giu');
  const first = text.search(pattern);
  const start = window && first > window / 3 ? first - Math.floor(window / 3) : 0;
  const fragment = cut(text, start, window);
  let html = '';
  let last = 0;
  for (const m of fragment.matchAll(pattern)) {
    html += `${escapeHtml(fragment.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  html += escapeHtml(fragment.slice(last));
  return { html, matched: first >= 0 };
}

function cut(text: string, start: number, window: number | undefined): string {
  if (!window || text.length <= window) return text;
  const end = Math.min(text.length, start + window);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
