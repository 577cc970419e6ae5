import { createInflateRaw } from 'node:zlib';

/**
 * A sanity check of a ZIP container (xlsx, docx) before we accept it: readable central directory,
 * at most `maxEntries` entries, stored or deflated only, and no more than `maxUnzippedBytes` once
 * inflated. The entries are really inflated (streamed and discarded), so a central directory that
 * lies about sizes does not get a zip bomb past us.
 */
export class ZipRejected extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function checkZip(
  buffer: Buffer,
  limits: { maxUnzippedBytes: number; maxEntries?: number },
): Promise<{ entries: number; unzippedBytes: number }> {
  const maxEntries = limits.maxEntries ?? 5000;
  const eocd = findEndOfCentralDirectory(buffer);
  const entries = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  // ZIP64 markers: office documents of the sizes we accept never need them.
  if (entries === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRejected('zip64');
  if (entries > maxEntries) throw new ZipRejected('too many entries');
  if (cdOffset + cdSize > eocd) throw new ZipRejected('central directory out of bounds');

  let budget = limits.maxUnzippedBytes;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== CENTRAL) throw new ZipRejected('bad central directory');
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const declaredSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipRejected('encrypted entry');
    if (declaredSize > budget) throw new ZipRejected('declared size over limit');
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== LOCAL) throw new ZipRejected('bad local header');
    const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buffer.length) throw new ZipRejected('entry out of bounds');
    const data = buffer.subarray(start, start + compressedSize);
    let size: number;
    if (method === 0) size = compressedSize;
    else if (method === 8) size = await inflatedSize(data, budget);
    else throw new ZipRejected(`compression method ${method}`);
    if (size > budget) throw new ZipRejected('unzipped size over limit');
    budget -= size;
  }
  return { entries, unzippedBytes: limits.maxUnzippedBytes - budget };
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= lowest; i--) {
    if (buffer.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipRejected('no end of central directory');
}

function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let total = 0;
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflater.destroy();
        reject(new ZipRejected('unzipped size over limit'));
      }
    });
    inflater.on('end', () => resolve(total));
    inflater.on('error', () => reject(new ZipRejected('corrupt deflate stream')));
    inflater.end(data);
  });
}
