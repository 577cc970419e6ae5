import { splitHighlight } from './highlight.ts';

/** A search API's highlight fragment as text and <mark> elements (never as HTML). */
export function Highlighted({ fragment }: { fragment: string }) {
  return (
    <>
      {splitHighlight(fragment).map((part, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fragment never reorder
        part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
