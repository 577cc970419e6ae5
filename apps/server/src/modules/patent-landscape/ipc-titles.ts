import { readFileSync } from 'node:fs';

/**
 * Chinese titles of IPC sections, classes, subclasses and main groups (data/ipc-zh-titles.csv, its
 * provenance on its first line), read once on first use (~1 MB, 8,000 rows).
 */
let titles: Map<string, string> | null = null;

function load(): Map<string, string> {
  const map = new Map<string, string>();
  const text = readFileSync(new URL('./data/ipc-zh-titles.csv', import.meta.url), 'utf8');
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#') || line.startsWith('code,')) continue;
    const [code, , , ...rest] = line.split(',');
    let title = rest.join(',');
    if (title.startsWith('"') && title.endsWith('"')) title = title.slice(1, -1).replaceAll('""', '"');
    if (code) map.set(code, title);
  }
  return map;
}

/** Main groups are stored as `F21V29/00`; the landscape counts them as `F21V29/` (the class-prefix form). */
export function ipcTitle(code: string): string | null {
  titles ??= load();
  const key = code.endsWith('/') ? `${code}00` : code;
  return titles.get(key) ?? null;
}

/**
 * A title short enough for a chart label: the part before the first note in brackets or the first
 * semicolon, without edition markers like 〔6〕 or [20250101].
 */
export function shortIpcTitle(code: string, max = 24): string | null {
  const full = ipcTitle(code);
  if (full === null) return null;
  const cut = full
    .replace(/[〔[][^〕\]]*[〕\]]/g, '')
    .split(/[（(；;]/)[0]
    ?.trim();
  const text = cut || full;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
