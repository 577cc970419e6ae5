import { describe, expect, it } from 'vitest';
import { splitHighlight } from './highlight.ts';

describe('splitHighlight', () => {
  it('splits on <mark> and unescapes the rest as text', () => {
    expect(splitHighlight('LED <mark>光谱</mark>仪 &lt;script&gt; &amp; <mark>A&amp;B</mark>')).toEqual([
      { text: 'LED ', mark: false },
      { text: '光谱', mark: true },
      { text: '仪 <script> & ', mark: false },
      { text: 'A&B', mark: true },
    ]);
  });

  it('keeps a fragment without marks whole', () => {
    expect(splitHighlight('plain')).toEqual([{ text: 'plain', mark: false }]);
    expect(splitHighlight('')).toEqual([]);
  });
});
