import { describe, expect, it } from 'vitest';
import { classPrefixesOf } from './patents.ts';

describe('classPrefixesOf', () => {
  it('lists every level of an IPC code once', () => {
    expect(classPrefixesOf(['F21V29/503', 'F21V29/70'])).toEqual(['F', 'F21', 'F21V', 'F21V29/', 'F21V29/503', 'F21V29/70']);
  });
  it('marks Locarno classes so they cannot collide with IPC prefixes', () => {
    expect(classPrefixesOf([], ['26-05'])).toEqual(['LOC26', 'LOC26-05']);
  });
});
