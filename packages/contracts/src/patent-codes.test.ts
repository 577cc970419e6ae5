import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validationMessages } from './messages.ts';
import {
  applicationCheckChar,
  applicationNumberSchema,
  formatIpc,
  ipcCodeSchema,
  ipcMatchesPrefix,
  ipcPrefixSchema,
  isChineseApplicationNumber,
  keepForeignNumber,
  locarnoClassSchema,
  parseApplicationNumber,
  parseIpcCode,
  parseIpcPrefix,
  parseLocarnoClass,
  parsePublicationNumber,
  patentCodeMessages,
  patentKindOf,
  publicationNumberSchema,
} from './patent-codes.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as T;

/** Ten real CNIPA records (fixtures/README.md); their application numbers carry the office's check characters. */
const CNIPA =
  readJson<{ 申请号: string; 公开号: string; 授权公告号: string; 专利类型: string; 主分类号: string; 分类号: string }[]>(
    'cnipa-sample-10-numbers.json',
  );
/** 103 real CN records of a Lens export: DOCDB-style 'CN 201410522673 A', no check character. */
const LENS = readJson<{ application_number: string; publication_number: string; kind: string }[]>('lens-cn-numbers.json');

const NOW = { currentYear: 2026 };

describe('Chinese application numbers: check character', () => {
  it('agrees with all ten real CNIPA numbers, including one ending in X', () => {
    expect(CNIPA).toHaveLength(10);
    for (const r of CNIPA) {
      const [digits, check] = r.申请号.slice(2).split('.') as [string, string];
      expect(applicationCheckChar(digits), r.申请号).toBe(check);
      const parsed = parseApplicationNumber(r.申请号, NOW);
      expect(parsed.ok, r.申请号).toBe(true);
    }
    expect(CNIPA.map((r) => r.申请号)).toContain('CN202121635235.X');
  });

  it('the CNIPA kind digit and record type agree (2 → 实用新型, 1 → 发明)', () => {
    for (const r of CNIPA) {
      const parsed = parseApplicationNumber(r.申请号, NOW);
      if (!parsed.ok) throw new Error(r.申请号);
      expect(parsed.kind).toBe(r.专利类型 === '实用新型' ? 'utility_model' : 'invention');
    }
  });

  it('computes sum of digit × (2,3,4,5,6,7,8,9,2,3,4,5) mod 11 — a hand-worked example', () => {
    // 2·2+0·3+2·4+1·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 117; 117 mod 11 = 7
    expect(applicationCheckChar('202110123456')).toBe('7');
    // old format: 9·2+3·3+1·4+2·5+3·6+4·7+5·8+6·9 = 181; 181 mod 11 = 5
    expect(applicationCheckChar('93123456')).toBe('5');
    expect(applicationCheckChar('2021101234')).toBeNull();
    expect(applicationCheckChar('20211012345a')).toBeNull();
  });

  it('produces every check value 0–9 and X', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200; n++) seen.add(applicationCheckChar(`2021101${String(n).padStart(5, '0')}`) as string);
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('rejects every single-digit change of every real number and of old-format numbers', () => {
    const valid = [...CNIPA.map((r) => r.申请号.slice(2)), '202110123456.7', '93123456.5', `98805789.${applicationCheckChar('98805789')}`];
    let tampered = 0;
    for (const number of valid) {
      expect(parseApplicationNumber(number, NOW).ok, number).toBe(true);
      const [digits, check] = number.split('.') as [string, string];
      for (let pos = 0; pos < digits.length; pos++) {
        for (const d of '0123456789') {
          if (d === digits[pos]) continue;
          const bad = `${digits.slice(0, pos)}${d}${digits.slice(pos + 1)}.${check}`;
          const r = parseApplicationNumber(bad, NOW);
          // A changed year or kind digit may fail as 'year' or 'kind' first; it must fail either way.
          expect(r.ok, bad).toBe(false);
          if (!r.ok && r.code === 'check_digit') tampered++;
        }
      }
      for (const c of '0123456789X') {
        if (c === check) continue;
        const r = parseApplicationNumber(`${digits}.${c}`, NOW);
        expect(r.ok ? 'ok' : r.code).toBe('check_digit');
      }
    }
    expect(tampered).toBeGreaterThan(800);
  });

  it('rejects two swapped neighbouring digits when they differ', () => {
    const [digits, check] = ['202110123456', '7'];
    for (let pos = 5; pos < digits.length - 1; pos++) {
      if (digits[pos] === digits[pos + 1]) continue;
      const swapped = digits.slice(0, pos) + digits[pos + 1] + digits[pos] + digits.slice(pos + 2);
      expect(parseApplicationNumber(`${swapped}.${check}`, NOW).ok, swapped).toBe(false);
    }
  });
});

describe('Chinese application numbers: formats and normalisation', () => {
  it.each([
    ['202110123456.7', '202110123456.7'],
    ['2021101234567', '202110123456.7'],
    ['CN202110123456.7', '202110123456.7'],
    ['cn 202110123456.7', '202110123456.7'],
    ['CN2021101234567', '202110123456.7'],
    ['ZL202110123456.7', '202110123456.7'],
    ['  ZL 202110123456.7 ', '202110123456.7'],
    ['２０２１１０１２３４５６．７', '202110123456.7'],
    ['CN202121635235.x', '202121635235.X'],
    ['93123456.5', '93123456.5'],
    ['CN931234565', '93123456.5'],
  ])('%s → %s', (input, normalised) => {
    const r = parseApplicationNumber(input, NOW);
    expect(r.ok && r.normalised).toBe(normalised);
  });

  it('splits year, kind and serial of the current format', () => {
    expect(parseApplicationNumber('202110123456.7', NOW)).toEqual({
      ok: true,
      normalised: '202110123456.7',
      format: 'current',
      year: 2021,
      kind: 'invention',
      serial: '0123456',
      checkComputed: false,
    });
  });

  it('splits year, kind and serial of the old format (85–99 → 19xx, 00–03 → 20xx)', () => {
    expect(parseApplicationNumber('93123456.5', NOW)).toMatchObject({ format: 'old', year: 1993, kind: 'invention', serial: '23456' });
    const y2001 = `01200001.${applicationCheckChar('01200001')}`;
    expect(parseApplicationNumber(y2001, NOW)).toMatchObject({ year: 2001, kind: 'utility_model', serial: '00001' });
    const y1985 = `85100001.${applicationCheckChar('85100001')}`;
    expect(parseApplicationNumber(y1985, NOW)).toMatchObject({ year: 1985, kind: 'invention' });
  });

  it.each([
    ['1', 'invention'],
    ['2', 'utility_model'],
    ['3', 'design'],
    ['8', 'pct_invention'],
    ['9', 'pct_utility_model'],
  ])('kind digit %s is %s', (digit, kind) => {
    const digits = `2021${digit}0123456`;
    const r = parseApplicationNumber(`${digits}.${applicationCheckChar(digits)}`, NOW);
    expect(r.ok && r.kind).toBe(kind);
  });

  it.each(['0', '4', '5', '6', '7'])('kind digit %s is a kind error even with a right check character', (digit) => {
    const digits = `2021${digit}0123456`;
    const r = parseApplicationNumber(`${digits}.${applicationCheckChar(digits)}`, NOW);
    expect(r.ok ? 'ok' : r.code).toBe('kind');
    const old = `93${digit}23456`;
    const o = parseApplicationNumber(`${old}.${applicationCheckChar(old)}`, NOW);
    expect(o.ok ? 'ok' : o.code).toBe('kind');
  });

  it('year errors: before the 12-digit scheme, after this year, old format after 2003', () => {
    for (const digits of ['200210123456', '202710123456', '199910123456', '04100001', '50100001']) {
      const r = parseApplicationNumber(`${digits}.${applicationCheckChar(digits)}`, NOW);
      expect(r.ok ? 'ok' : r.code, digits).toBe('year');
    }
    const y2003 = `200310100001.${applicationCheckChar('200310100001')}`;
    expect(parseApplicationNumber(y2003, NOW).ok).toBe(true);
    const y2026 = `202610100001.${applicationCheckChar('202610100001')}`;
    expect(parseApplicationNumber(y2026, NOW).ok).toBe(true);
  });

  it.each([
    '',
    '2021101234',
    '20211012345678',
    '202110123456.',
    '202110123456.77',
    '202110123456.A',
    '202110123456-7',
    '2021 10123456.7',
    'CN202110123456.7U',
    'US202110123456.7',
    'CN93.1234565',
  ])('format error: %j', (input) => {
    const r = parseApplicationNumber(input, NOW);
    expect(r.ok ? 'ok' : r.code).toBe('format');
  });

  it('a missing check character is an error by default and computed on request', () => {
    expect(parseApplicationNumber('202110123456', NOW)).toMatchObject({ ok: false, code: 'check_digit' });
    expect(parseApplicationNumber('202110123456', { ...NOW, missingCheck: 'compute' })).toMatchObject({
      ok: true,
      normalised: '202110123456.7',
      checkComputed: true,
    });
    // A given check character is still checked in compute mode.
    expect(parseApplicationNumber('202110123456.8', { ...NOW, missingCheck: 'compute' })).toMatchObject({ ok: false, code: 'check_digit' });
  });

  it('parses all 103 real CN numbers of the Lens export (no check character) and their kinds agree', () => {
    expect(LENS).toHaveLength(103);
    for (const r of LENS) {
      const [, digits, letter] = /^CN (\d{12}) ([AU])$/.exec(r.application_number) as unknown as [string, string, string];
      const parsed = parseApplicationNumber(`CN${digits}`, { currentYear: 2026, missingCheck: 'compute' });
      if (!parsed.ok) throw new Error(`${r.application_number}: ${parsed.code}`);
      // DOCDB application kind: A for inventions (direct or PCT), U for utility models.
      expect(patentKindOf(parsed.kind), r.application_number).toBe(letter === 'A' ? 'invention' : 'utility_model');
      const pub = parsePublicationNumber(r.publication_number);
      if (!pub.ok) throw new Error(`${r.publication_number}: ${pub.code}`);
      expect(pub.kind, r.publication_number).toBe(patentKindOf(parsed.kind));
    }
    const kinds = new Set(
      LENS.map((r) => parseApplicationNumber(r.application_number.slice(0, 15), { missingCheck: 'compute' })).map((r) => r.ok && r.kind),
    );
    expect(kinds).toEqual(new Set(['invention', 'pct_invention', 'utility_model']));
  });
});

describe('Chinese or foreign', () => {
  it.each(['CN202110123456.7', 'ZL202110123456.7', '202110123456.7', '2021101234567', '93123456.5', 'cn 93123456', 'CN12'])(
    '%s claims to be Chinese',
    (input) => expect(isChineseApplicationNumber(input)).toBe(true),
  );
  it.each([
    'US 201314041364 A',
    'US14/041,364',
    'EP 13187423',
    'EP2013187423',
    'WO2014/123456',
    'PCT/CN2014/012345',
    'DE 102014219223 A',
    'JP2014-123456',
    '',
  ])('%j is foreign', (input) => expect(isChineseApplicationNumber(input)).toBe(false));
  it('keeps a foreign number as given, tidying only spaces', () => {
    expect(keepForeignNumber('  US  14/041,364 ')).toBe('US 14/041,364');
    expect(applicationNumberSchema.parse(' PCT/CN2014/012345 ')).toBe('PCT/CN2014/012345');
    expect(applicationNumberSchema.parse('CN 2021101234567')).toBe('202110123456.7');
  });
  it('the schema reports the error code of a Chinese number as a message key', () => {
    const r = applicationNumberSchema.safeParse('CN202110123456.8');
    expect(r.error?.issues[0]?.message).toBe('patent_application_number_check_digit');
    expect(applicationNumberSchema.safeParse('  ').error?.issues[0]?.message).toBe('patent_application_number_format');
  });
});

describe('publication and grant numbers', () => {
  it('parses the real CNIPA publication and grant numbers', () => {
    for (const r of CNIPA) {
      for (const n of [r.公开号, r.授权公告号].filter(Boolean)) {
        const p = parsePublicationNumber(n);
        expect(p.ok && p.normalised, n).toBe(n);
        expect(p.ok && p.kind).toBe(r.专利类型 === '实用新型' ? 'utility_model' : 'invention');
      }
    }
  });

  it.each([
    ['CN112345678A', 'CN112345678A', 'invention', 'A'],
    ['cn 115883397 b', 'CN115883397B', 'invention', 'B'],
    ['CN212345678U', 'CN212345678U', 'utility_model', 'U'],
    ['CN306123456S', 'CN306123456S', 'design', 'S'],
    ['112345678A', 'CN112345678A', 'invention', 'A'],
    ['CN 2726224 Y', 'CN2726224Y', 'utility_model', 'Y'],
    ['CN1234567C', 'CN1234567C', 'invention', 'C'],
    ['CN3123456D', 'CN3123456D', 'design', 'D'],
    ['CN112345678A8', 'CN112345678A8', 'invention', 'A8'],
    ['CN1234567C1', 'CN1234567C1', 'invention', 'C1'],
  ])('%s → %s (%s, %s)', (input, normalised, kind, kindCode) => {
    expect(parsePublicationNumber(input)).toEqual({
      ok: true,
      normalised,
      number: normalised.slice(2).replace(/[A-Z]\d?$/, ''),
      kindCode,
      kind,
    });
  });

  it.each(['CN11234567A', 'CN1123456789A', 'CN112345678', 'CN112345678AB', 'US112345678A', 'CN-112345678A', '', 'CN112345678.A'])(
    'format error: %j',
    (input) => expect(parsePublicationNumber(input)).toMatchObject({ ok: false, code: 'format' }),
  );

  it.each([
    'CN112345678U',
    'CN212345678A',
    'CN306123456B',
    'CN412345678A',
    'CN112345678E',
    'CN112345678A1',
    'CN212345678U5',
    'CN112345678Z',
  ])('kind error: %s (letter does not fit the number, or no such kind code)', (input) =>
    expect(parsePublicationNumber(input)).toMatchObject({ ok: false, code: 'kind' }),
  );

  it('the schema normalises and reports message keys', () => {
    expect(publicationNumberSchema.parse('cn 218751475 u')).toBe('CN218751475U');
    expect(publicationNumberSchema.safeParse('CN218751475A').error?.issues[0]?.message).toBe('patent_publication_number_kind');
  });
});

describe('IPC codes', () => {
  it.each([
    ['F21V 29/70', 'F21V29/70'],
    ['F21V29/70', 'F21V29/70'],
    ['F21V 29/503', 'F21V29/503'],
    ['f21v  29/70', 'F21V29/70'],
    [' F21V29/70 ', 'F21V29/70'],
    ['F21V0029/70', 'F21V29/70'],
    ['G06F18/2321', 'G06F18/2321'],
    ['B64U101/30', 'B64U101/30'],
    ['G01N23/2000', 'G01N23/2000'],
    ['H01L21/677123', 'H01L21/677123'],
    ['Ｆ２１Ｖ ２９／７０', 'F21V29/70'],
  ])('%s → %s', (input, normalised) => {
    const r = parseIpcCode(input);
    expect(r.ok && r.normalised).toBe(normalised);
  });

  it('splits the hierarchy and formats for display', () => {
    expect(parseIpcCode('F21V 29/503')).toEqual({
      ok: true,
      normalised: 'F21V29/503',
      section: 'F',
      ipcClass: 'F21',
      subclass: 'F21V',
      mainGroup: '29',
      subgroup: '503',
    });
    expect(formatIpc('F21V29/503')).toBe('F21V 29/503');
  });

  it.each([
    ['', 'empty', 0],
    ['   ', 'empty', 0],
    ['I21V29/70', 'section', 0],
    ['21V29/70', 'section', 0],
    ['F2V29/70', 'class', 2],
    ['FXXV29/70', 'class', 1],
    ['F211V29/70', 'subclass', 3],
    ['F21', 'subclass', 3],
    ['F21V', 'main_group', 4],
    ['F21V/70', 'main_group', 4],
    ['F21V0/70', 'main_group', 4],
    ['F21V12345/70', 'main_group', 8],
    ['F21V29', 'subgroup', 6],
    ['F21V29-70', 'slash', 6],
    ['F21V 29 /70', 'slash', 7],
    ['F21V29/', 'subgroup', 7],
    ['F21V29/7', 'subgroup', 8],
    ['F21V29/1234567', 'subgroup', 13],
    ['F21V29/70A', 'trailing', 9],
    ['F21V29/70 (2015.01)', 'trailing', 9],
    ['  F2V', 'class', 4],
  ])('%j fails with %s at position %i', (input, code, position) => {
    expect(parseIpcCode(input)).toMatchObject({ ok: false, code, position });
  });

  it('every subclass of the IPC 2026.01 table parses as a prefix of level subclass', () => {
    const rows = readFileSync(join(fixtures, 'ipc-zh-subclasses.csv'), 'utf8').trim().split('\n').slice(1);
    const byLevel: Record<string, number> = {};
    for (const row of rows) {
      const [code, level] = row.split(',') as [string, string];
      byLevel[level] = (byLevel[level] ?? 0) + 1;
      const p = parseIpcPrefix(code);
      expect(p.ok && p.prefix, code).toBe(code);
      expect(p.ok && p.level).toBe(level);
    }
    expect(byLevel).toEqual({ section: 8, class: 131, subclass: 643 });
  });

  /** Subclasses that have groups in ipc-zh-groups.csv but no row in ipc-zh-subclasses.csv (the README's "12 subclasses lack a title row"). */
  const SUBCLASS_ROWS_MISSING_UPSTREAM = ['A24F', 'B62J', 'C09D', 'C10G', 'C23C', 'F16D', 'F25D'];

  it('306 sampled group codes of IPC 2026.01 parse unchanged and their subclass exists in the table', () => {
    const subclasses = new Set(
      readFileSync(join(fixtures, 'ipc-zh-subclasses.csv'), 'utf8')
        .split('\n')
        .map((row) => row.split(',')[0])
        .filter((code) => code?.length === 4),
    );
    const codes = readFileSync(join(fixtures, 'ipc-group-codes-sample.txt'), 'utf8').trim().split('\n');
    expect(codes.length).toBeGreaterThan(300);
    expect(new Set(codes.map((c) => c[0]))).toEqual(new Set('ABCDEFGH'));
    for (const code of codes) {
      const r = parseIpcCode(code);
      if (!r.ok) throw new Error(`${code}: ${r.code} at ${r.position}`);
      expect(r.normalised).toBe(code);
      expect(subclasses.has(r.subclass) || SUBCLASS_ROWS_MISSING_UPSTREAM.includes(r.subclass), code).toBe(true);
      expect(parseIpcCode(formatIpc(code))).toEqual(r);
      expect(ipcMatchesPrefix(r.normalised, (parseIpcPrefix(r.subclass) as { prefix: string }).prefix)).toBe(true);
    }
    for (const gap of SUBCLASS_ROWS_MISSING_UPSTREAM) expect(subclasses.has(gap), gap).toBe(false);
    // A well-formed code whose subclass does not exist is caught by the table, not by the syntax.
    const made = parseIpcCode('F21Z 29/70');
    expect(made.ok && subclasses.has(made.subclass)).toBe(false);
  });

  it('parses the real classification fields of the CNIPA sample', () => {
    for (const r of CNIPA) {
      for (const code of [r.主分类号, ...r.分类号.split(';')]) expect(parseIpcCode(code).ok, code).toBe(true);
    }
  });

  it('the schemas normalise and carry the error position', () => {
    expect(ipcCodeSchema.parse('f21v 29/70')).toBe('F21V29/70');
    const issue = ipcCodeSchema.safeParse('F21V29-70').error?.issues[0];
    expect(issue?.message).toBe('ipc_slash');
    expect((issue as { params?: { position: number } } | undefined)?.params?.position).toBe(6);
    expect(ipcPrefixSchema.parse('f21v 29')).toBe('F21V29/');
  });
});

describe('IPC prefixes for search filters', () => {
  it.each([
    ['F', 'F', 'section'],
    ['f21', 'F21', 'class'],
    ['F21V', 'F21V', 'subclass'],
    ['F21V 29', 'F21V29/', 'main_group'],
    ['F21V29', 'F21V29/', 'main_group'],
    ['F21V29/', 'F21V29/', 'main_group'],
    ['F21V 0029/', 'F21V29/', 'main_group'],
    ['F21V29/7', 'F21V29/7', 'subgroup'],
    ['F21V29/70', 'F21V29/70', 'subgroup'],
  ])('%s → %s (%s)', (input, prefix, level) => {
    expect(parseIpcPrefix(input)).toEqual({ ok: true, prefix, level });
  });

  const codes = ['F21V29/70', 'F21V29/503', 'F21V290/00', 'F21V2/00', 'F21V21/00', 'F21S8/00', 'F21K9/232', 'G06F18/2321', 'F16H57/04'];
  const matching = (input: string) => {
    const p = parseIpcPrefix(input);
    if (!p.ok) throw new Error(input);
    return codes.filter((c) => ipcMatchesPrefix(c, p.prefix));
  };

  it('F21V matches the subclass, F21 the class, F the section', () => {
    expect(matching('F21V')).toEqual(['F21V29/70', 'F21V29/503', 'F21V290/00', 'F21V2/00', 'F21V21/00']);
    expect(matching('F21')).toEqual(['F21V29/70', 'F21V29/503', 'F21V290/00', 'F21V2/00', 'F21V21/00', 'F21S8/00', 'F21K9/232']);
    expect(matching('F')).toEqual(['F21V29/70', 'F21V29/503', 'F21V290/00', 'F21V2/00', 'F21V21/00', 'F21S8/00', 'F21K9/232', 'F16H57/04']);
  });

  it('F21V29/ and F21V 29 match the main group 29 only (not 290, not 2)', () => {
    expect(matching('F21V29/')).toEqual(['F21V29/70', 'F21V29/503']);
    expect(matching('F21V 29')).toEqual(['F21V29/70', 'F21V29/503']);
    expect(matching('F21V2')).toEqual(['F21V2/00']);
    expect(matching('F21V29/5')).toEqual(['F21V29/503']);
  });

  it.each([
    ['', 'empty', 0],
    ['X', 'section', 0],
    ['F2', 'class', 2],
    ['F2A', 'class', 2],
    ['F21%', 'subclass', 3],
    ['F21V*', 'main_group', 4],
    ['F21V29/7X', 'trailing', 8],
    ['F21V29/1234567', 'subgroup', 13],
    ["F21V'; DROP", 'main_group', 4],
  ])('%j fails with %s at position %i', (input, code, position) => {
    expect(parseIpcPrefix(input)).toMatchObject({ ok: false, code, position });
  });
});

describe('Locarno classes (designs)', () => {
  it.each([
    ['26-05', '26-05', 26, 5],
    ['2605', '26-05', 26, 5],
    ['26.05', '26-05', 26, 5],
    [' 26 - 05 ', '26-05', 26, 5],
    ['LOC 26-05', '26-05', 26, 5],
    ['01-01', '01-01', 1, 1],
    ['32-00', '32-00', 32, 0],
    ['99-00', '99-00', 99, 0],
    ['２６－０５', '26-05', 26, 5],
  ])('%j → %s', (input, normalised, locarnoClass, subclass) => {
    expect(parseLocarnoClass(input)).toEqual({ ok: true, normalised, locarnoClass, subclass });
  });

  it.each(['00-01', '33-01', '50-01', '98-00'])('class error: %s', (input) =>
    expect(parseLocarnoClass(input)).toMatchObject({ ok: false, code: 'class' }),
  );

  it.each(['', '26', '2-05', '26-5', '26-005', '260-5', 'A6-05', '26/05', 'F21V29/70'])('format error: %j', (input) =>
    expect(parseLocarnoClass(input)).toMatchObject({ ok: false, code: 'format' }),
  );

  it('the schema normalises', () => {
    expect(locarnoClassSchema.parse('2605')).toBe('26-05');
    expect(locarnoClassSchema.safeParse('33-01').error?.issues[0]?.message).toBe('locarno_class');
  });
});

describe('messages', () => {
  it('every error code has a zh and an en message from validationMessages', () => {
    const all = Object.values(patentCodeMessages).flatMap((table) => Object.values(table));
    expect(all).toHaveLength(4 + 2 + 8 + 2);
    const known = new Set<{ zh: string; en: string }>(Object.values(validationMessages));
    for (const m of all) {
      expect(known.has(m)).toBe(true);
      expect(m.zh).toMatch(/\p{Script=Han}/u);
      expect(m.en).toMatch(/^[A-Z]/);
    }
  });

  it('a failure carries its message', () => {
    const r = parseApplicationNumber('202110123456.8', NOW);
    expect(r).toEqual({ ok: false, code: 'check_digit', message: patentCodeMessages.applicationNumber.check_digit });
    expect(patentCodeMessages.applicationNumber.check_digit.zh).toContain('校验位');
    expect(patentCodeMessages.ipc.slash.en).toContain('slash');
  });
});
