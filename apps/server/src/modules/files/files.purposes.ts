/**
 * What may be uploaded for which purpose. Types are recognised by content (magic bytes), and the
 * file name's extension must name the same type. Never HTML, SVG or anything a browser would run.
 */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], zip: false },
  png: { mime: 'image/png', extensions: ['png'], zip: false },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], zip: false },
  webp: { mime: 'image/webp', extensions: ['webp'], zip: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], zip: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], zip: true },
} as const;
export type FileTypeKey = keyof typeof FILE_TYPES;

const MiB = 1024 * 1024;

export const FILE_PURPOSES = {
  /** Supporting documents of applications, contracts, reports. */
  attachment: { types: ['pdf', 'png', 'jpg', 'xlsx', 'docx'], maxBytes: 20 * MiB, maxUnzippedBytes: 100 * MiB },
  /** Pictures shown in the app (logos, photos of equipment). */
  image: { types: ['png', 'jpg', 'webp'], maxBytes: 5 * MiB, maxUnzippedBytes: 0 },
} as const satisfies Record<string, { types: readonly FileTypeKey[]; maxBytes: number; maxUnzippedBytes: number }>;
export type FilePurpose = keyof typeof FILE_PURPOSES;
export const filePurposes = Object.keys(FILE_PURPOSES) as [FilePurpose, ...FilePurpose[]];

export function isFileTypeKey(ext: string): ext is FileTypeKey {
  return Object.hasOwn(FILE_TYPES, ext);
}

/** Longest stored name, in UTF-8 bytes: most file systems refuse names over 255 bytes. */
const MAX_NAME_BYTES = 200;

/**
 * A name safe to store and to offer for download: the last path segment only, without control,
 * format (bidi override, zero-width) or Windows-reserved characters; Chinese kept.
 */
export function sanitizeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/[<>:"|?*]/g, '_');
  name = name
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  let base = dot > 0 ? name.slice(0, dot) : name;
  const chars = [...base];
  while (chars.length > 0 && Buffer.byteLength(chars.join('') + ext) > MAX_NAME_BYTES) chars.pop();
  base = chars.join('');
  return base ? `${base}${ext}` : `file${ext}`;
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/**
 * `attachment` always, so a browser downloads instead of rendering; an ASCII fallback name (given, or
 * the name with its other characters replaced) plus the exact UTF-8 name in RFC 5987/6266 `filename*`
 * for Chinese names.
 */
export function contentDisposition(filename: string, asciiName?: string): string {
  const fallback = (asciiName ?? filename).replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
