/** One piece of a highlighted fragment: plain text, or a matched word to wrap in <mark>. */
export type HighlightPart = { text: string; mark: boolean };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };

/** Undoes the API's HTML escaping, so React can escape the text again itself. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_all, name: string) => ENTITIES[name] ?? _all);
}

/**
 * Splits the search API's highlight ("…<mark>光谱</mark>仪…", everything else HTML-escaped) into parts
 * rendered as text and <mark> elements — never as HTML.
 */
export function splitHighlight(fragment: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const pattern = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let match = pattern.exec(fragment); match; match = pattern.exec(fragment)) {
    if (match.index > last) parts.push({ text: unescapeHtml(fragment.slice(last, match.index)), mark: false });
    parts.push({ text: unescapeHtml(match[1] ?? ''), mark: true });
    last = match.index + match[0].length;
  }
  if (last < fragment.length) parts.push({ text: unescapeHtml(fragment.slice(last)), mark: false });
  return parts.filter((part) => part.text !== '');
}
