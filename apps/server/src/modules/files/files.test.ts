import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents, files } from '../../db/schema/platform.ts';
import { systemContext } from '../../platform/context.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { docx, jpeg, multipartBody, pdf, png, webp, zip } from './files.fixtures.ts';
import { contentDisposition, sanitizeFilename } from './files.purposes.ts';
import { storeFile } from './files.service.ts';
import { checkZip, ZipRejected } from './files.zip.ts';

const MiB = 1024 * 1024;
let t: TestApp;
let enterprise: string;
let guzhen: string;
let admin: string;
beforeAll(async () => {
  // A 6 MiB request cap, above the 5 MiB image limit and below the 20 MiB attachment limit.
  t = await createTestApp({ fileMaxBytes: 6 * MiB });
  [enterprise, guzhen, admin] = await Promise.all([t.login('enterprise'), t.login('guzhen'), t.login('admin')]);
});
afterAll(async () => {
  await t?.close();
});

const upload = (
  cookie: string | undefined,
  purpose: string | undefined,
  filename: string,
  content: Buffer,
  extra: Record<string, string> = {},
) => {
  const { payload, headers } = multipartBody(purpose === undefined ? extra : { purpose, ...extra }, [{ filename, content }]);
  return t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
};
const fileCount = async () => (await t.database.db.select({ id: files.id }).from(files)).length;

describe('sanitizeFilename and contentDisposition', () => {
  it.each([
    ['申报材料（2026）.pdf', '申报材料（2026）.pdf'],
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\张三\\报告.docx', '报告.docx'],
    ['报告\u0007\u0000.pdf', '报告.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'], // a right-to-left override would show "exe.pdf"
    ['  .hidden.png  ', 'hidden.png'],
    ['a<b>:c"d|e?f*.pdf', 'a_b__c_d_e_f_.pdf'],
    ['...', 'file'],
    ['pic.png.', 'pic.png'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('shortens long names to 200 UTF-8 bytes, keeping the extension', () => {
    const name = sanitizeFilename(`${'专精特新'.repeat(40)}.pdf`);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name.startsWith('专精特新专精特新')).toBe(true);
  });

  it('sends Chinese names as RFC 5987 filename* with an ASCII fallback', () => {
    expect(contentDisposition('申报 (1).pdf')).toBe(`attachment; filename="__ (1).pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%20%281%29.pdf`);
    expect(contentDisposition('a"b;c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`);
  });
});

describe('checkZip', () => {
  it('measures what a document unzips to', async () => {
    const result = await checkZip(docx([{ name: 'word/media/a.bin', data: Buffer.alloc(50_000, 7) }]), { maxUnzippedBytes: MiB });
    expect(result.entries).toBe(3);
    expect(result.unzippedBytes).toBeGreaterThan(50_000);
  });

  it('refuses an entry that inflates past the limit even when the directory lies about its size', async () => {
    const bomb = zip([{ name: 'x.xml', data: Buffer.alloc(2 * MiB) }]);
    await expect(checkZip(bomb, { maxUnzippedBytes: MiB })).rejects.toBeInstanceOf(ZipRejected);
    // Declared size rewritten to 10 bytes in the central directory: the inflate still counts.
    const cd = bomb.readUInt32LE(bomb.length - 22 + 16);
    bomb.writeUInt32LE(10, cd + 24);
    await expect(checkZip(bomb, { maxUnzippedBytes: MiB })).rejects.toThrow('unzipped size over limit');
  });

  it('is tested with a real bomb: a megabyte of zeros deflates to under 1%', () => {
    expect(deflateRawSync(Buffer.alloc(MiB)).length).toBeLessThan(MiB / 100);
  });

  it('refuses truncated archives and too many entries', async () => {
    const ok = docx();
    await expect(checkZip(ok.subarray(0, ok.length - 30), { maxUnzippedBytes: MiB })).rejects.toBeInstanceOf(ZipRejected);
    const many = zip(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    await expect(checkZip(many, { maxUnzippedBytes: MiB, maxEntries: 10 })).rejects.toThrow('too many entries');
  });
});

describe('POST /api/v1/files', () => {
  it('stores an image by content, with its SHA-256, owned by the uploader, audited', async () => {
    const content = png();
    const res = await upload(enterprise, 'image', 'logo.png', content);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      filename: 'logo.png',
      contentType: 'image/png',
      size: content.length,
      purpose: 'image',
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file.create'), eq(auditEvents.targetId, body.id)));
    expect(audit).toMatchObject({ username: 'enterprise', result: 'success' });
  });

  it.each([
    ['attachment', '申报书.pdf', pdf()],
    ['attachment', 'photo.JPEG', jpeg()],
    ['attachment', 'scan.jpg', jpeg()],
    ['attachment', '方案.docx', docx()],
    ['image', 'pic.webp', webp()],
  ])('accepts %s %s', async (purpose, filename, content) => {
    expect((await upload(enterprise, purpose, filename, content)).statusCode).toBe(201);
  });

  it('accepts a real Excel workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('研发投入').addRow(['年度', 2025]);
    const res = await upload(enterprise, 'attachment', '研发投入.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(201);
    expect(res.json().contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it.each([
    ['attachment', 'page.html', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['image', 'icon.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['image', 'scan.pdf', pdf()], // a PDF is fine as an attachment, not as an image
    ['attachment', 'tool.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
    ['attachment', 'archive.zip', zip([{ name: 'a.txt', data: Buffer.from('x') }])],
    ['attachment', 'notes.txt', Buffer.from('plain text')],
  ])('refuses %s %s by content (415) and stores nothing', async (purpose, filename, content) => {
    const before = await fileCount();
    const res = await upload(enterprise, purpose, filename, content);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await fileCount()).toBe(before);
  });

  it.each([
    ['photo.jpg', png()],
    ['report.png', pdf()],
    ['report', pdf()],
    ['report.pdf.exe', pdf()],
  ])('refuses %s whose extension does not match its content (422)', async (filename, content) => {
    const res = await upload(enterprise, 'attachment', filename, content);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FILE_EXTENSION_MISMATCH');
  });

  it('refuses a document that unzips to more than 100 MiB (422)', async () => {
    const res = await upload(enterprise, 'attachment', 'bomb.docx', docx([{ name: 'word/bomb.xml', data: Buffer.alloc(101 * MiB) }]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('FILE_ARCHIVE_REJECTED');
  });

  it('enforces the per-purpose cap (413) and the request cap (413)', async () => {
    const bigImage = Buffer.concat([png(), Buffer.alloc(5 * MiB)]);
    const image = await upload(enterprise, 'image', 'big.png', bigImage);
    expect(image.statusCode).toBe(413);
    expect(image.json().error.code).toBe('FILE_TOO_LARGE');
    const huge = await upload(enterprise, 'attachment', 'huge.pdf', Buffer.concat([pdf(), Buffer.alloc(6 * MiB)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses empty files, a missing file, unknown purposes and fields, and non-multipart bodies', async () => {
    const empty = await upload(enterprise, 'attachment', 'empty.pdf', Buffer.alloc(0));
    expect([empty.statusCode, empty.json().error.code]).toEqual([422, 'FILE_EMPTY']);
    const noFile = multipartBody({ purpose: 'attachment' }, []);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...noFile,
      headers: { ...noFile.headers, cookie: enterprise },
    });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'FILE_MISSING']);
    expect((await upload(enterprise, 'avatar', 'a.png', png())).statusCode).toBe(400);
    expect((await upload(enterprise, undefined, 'a.png', png())).statusCode).toBe(400);
    expect((await upload(enterprise, 'image', 'a.png', png(), { ownerUserId: 'x' })).statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: enterprise },
      payload: { purpose: 'image' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('refuses anonymous uploads (401)', async () => {
    const before = await fileCount();
    expect((await upload(undefined, 'image', 'a.png', png())).statusCode).toBe(401);
    expect(await fileCount()).toBe(before);
  });
});

describe('GET /api/v1/files/:id and /content', () => {
  let id: string;
  const content = pdf();
  beforeAll(async () => {
    id = (await upload(enterprise, 'attachment', '../申报材料（2026）\u202E.pdf', content)).json().id;
  });

  it('serves the uploader the metadata and the bytes as an attachment', async () => {
    const meta = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: { cookie: enterprise } });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ id, filename: '申报材料（2026）.pdf', contentType: 'application/pdf' });

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}/content`, headers: { cookie: enterprise } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(content)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_____2026_.pdf"; filename*=UTF-8''${encodeURIComponent('申报材料（2026）.pdf')}`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const downloads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file.download'), eq(auditEvents.targetId, id)));
    expect(downloads).toHaveLength(1);
  });

  it('lets a city admin read any file', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: { cookie: admin } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}/content`, headers: { cookie: admin } })).statusCode).toBe(200);
  });

  it('answers 404 to everyone else, exactly as for a missing file', async () => {
    for (const user of ['guzhen', 'provider', 'expert', 'bank']) {
      const cookie = user === 'guzhen' ? guzhen : await t.login(user);
      for (const url of [`/api/v1/files/${id}`, `/api/v1/files/${id}/content`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, `${user} ${url}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/files/00000000-0000-4000-8000-000000000000',
      headers: { cookie: enterprise },
    });
    expect(missing.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${id}/content` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/files/not-a-uuid', headers: { cookie: enterprise } })).statusCode).toBe(400);
  });
});

describe('storeFile inside another module’s transaction', () => {
  it('rolls back with it', async () => {
    const before = await fileCount();
    await t.database.db
      .transaction(async (tx) => {
        await storeFile(tx, systemContext(ANONYMOUS), { purpose: 'attachment', filename: 'a.pdf', buffer: pdf() });
        throw new Error('abort');
      })
      .catch(() => {});
    expect(await fileCount()).toBe(before);
  });
});
