import { describe, expect, it } from 'vitest';
import { searchVectorLiteral, tsqueryText } from './search-vector.ts';
import { tokensForIndex, tokensForQuery } from './tokenizer.ts';

describe('tokensForIndex', () => {
  it('lets 光谱 find 光谱仪 and 光谱辐射计', () => {
    expect(tokensForIndex('光谱仪')).toEqual(expect.arrayContaining(['光谱仪', '光谱']));
    expect(tokensForIndex('积分球光谱辐射计')).toEqual(expect.arrayContaining(['积分球', '光谱辐射计', '光谱', '辐射计']));
  });

  it('keeps domain words whole, which the default dictionary splits', () => {
    for (const word of ['注塑模具', '散热鳍片', '盐雾试验箱', '专精特新', '创新券', '高新技术企业', '检验检测', '灯饰']) {
      expect(tokensForIndex(word)).toContain(word);
      expect(tokensForQuery(word)).toEqual([word]);
    }
  });

  it('indexes the 4-character words inside longer ones', () => {
    expect(tokensForIndex('盐雾试验箱')).toContain('盐雾试验');
  });

  it('keeps Latin terms and model numbers whole and also by their parts', () => {
    const tokens = tokensForIndex('LED 光色电综合测试系统 LMS-9000A，CNAS 认可，EMC');
    expect(tokens).toEqual(expect.arrayContaining(['led', 'lms-9000a', 'lms', '9000a', 'lms9000a', 'cnas', 'emc']));
  });

  it('drops punctuation and function words', () => {
    expect(tokensForIndex('仪器的、校准。')).toEqual(['仪器', '校准']);
  });
});

describe('tokensForQuery', () => {
  it('cuts precisely, lower-cases and removes duplicates', () => {
    expect(tokensForQuery('LED 测试')).toEqual(['led', '测试']);
    expect(tokensForQuery('光谱 光谱')).toEqual(['光谱']);
    expect(tokensForQuery('  ，。 ')).toEqual([]);
  });

  it('normalises full-width Latin input', () => {
    expect(tokensForQuery('ＣＮＡＳ')).toEqual(['cnas']);
  });
});

describe('tsvector and tsquery literals', () => {
  it('weights the title A and the body B with positions', () => {
    // Each lexeme once with all its positions (PostgreSQL sorts them).
    expect(searchVectorLiteral('积分球', '光谱')).toBe("'积分球':1A '积分':2A '光谱':3B");
    expect(searchVectorLiteral('积分球', '积分球')).toBe("'积分球':1A,3B '积分':2A,4B");
  });

  it('escapes quotes and backslashes', () => {
    expect(tsqueryText(["it's", 'a\\b'])).toBe("'it''s' & 'a\\\\b':*");
  });
});
