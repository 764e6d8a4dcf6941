import { describe, expect, it } from 'vitest';
import {
  type CaseStyle,
  MAX_IDENTIFIER_LENGTH,
  isValidPyName,
  isValidTsName,
  pyName,
  tsName,
} from '../../generator/naming/index.js';

const STYLES: CaseStyle[] = ['snake', 'pascal', 'camel', 'screaming', 'flat'];

describe('pyName', () => {
  it.each([
    ['OAuthACG', 'snake', 'o_auth_acg'],
    ['OAuthACG', 'pascal', 'OAuthACG'],
    ['class', 'snake', 'class_'],
    ['type', 'snake', 'type_'],
    ['import', 'snake', 'import_'],
    ['await', 'snake', 'await_'],
    ['None', 'pascal', 'None_'],
    ['true', 'pascal', 'True_'],
    ['__class__', 'snake', 'class_'],
    ['self', 'snake', 'self_'],
    ['list', 'snake', 'list_'],
    ['enum', 'pascal', 'Enum_'],
    ['2fa', 'snake', '_2fa'],
    ['123', 'pascal', '_123'],
    ['naïve', 'snake', 'naive'],
    ['日本語', 'snake', 'value'],
    ['', 'snake', 'value'],
    ['', 'pascal', 'Value'],
    ['_', 'snake', 'value'],
  ] as [string, CaseStyle, string][])('pyName(%j, %s) = %s', (raw, style, want) => {
    expect(pyName(raw, style)).toBe(want);
    expect(isValidPyName(pyName(raw, style))).toBe(true);
  });

  it('uses the given fallback for names with no ASCII letters or digits', () => {
    expect(pyName('日本語', 'pascal', 'scope')).toBe('Scope');
    expect(pyName('!!!', 'snake', 'param')).toBe('param');
  });
});

describe('tsName', () => {
  it.each([
    ['OAuthACG', 'camel', 'oAuthACG'],
    ['o_auth_client_id', 'camel', 'oAuthClientId'],
    ['class', 'camel', 'class_'],
    ['type', 'camel', 'type_'],
    ['import', 'camel', 'import_'],
    ['await', 'camel', 'await_'],
    ['enum', 'camel', 'enum_'],
    ['constructor', 'camel', 'constructor_'],
    ['promise', 'pascal', 'Promise_'],
    ['__class__', 'camel', 'class_'],
    ['2fa', 'camel', '_2fa'],
    ['naïve', 'camel', 'naive'],
    ['日本語', 'camel', 'value'],
    ['', 'pascal', 'Value'],
  ] as [string, CaseStyle, string][])('tsName(%j, %s) = %s', (raw, style, want) => {
    expect(tsName(raw, style)).toBe(want);
    expect(isValidTsName(tsName(raw, style))).toBe(true);
  });

  it('keeps names that are reserved only in the other language', () => {
    expect(tsName('self', 'camel')).toBe('self');
    expect(pyName('constructor', 'snake')).toBe('constructor');
  });
});

describe('length cap', () => {
  it('caps a 500-character name at MAX_IDENTIFIER_LENGTH in every style', () => {
    const long = 'segment_'.repeat(63) + 'end'; // 507 chars
    for (const style of STYLES) {
      const py = pyName(long, style);
      const ts = tsName(long, style);
      expect(py.length).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
      expect(ts.length).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
      expect(py.length).toBeGreaterThan(MAX_IDENTIFIER_LENGTH - 10);
      expect(isValidPyName(py)).toBe(true);
      expect(isValidTsName(ts)).toBe(true);
      expect(py).not.toMatch(/_$/);
    }
    expect(pyName('x'.repeat(500), 'snake')).toBe('x'.repeat(MAX_IDENTIFIER_LENGTH));
  });
});

describe('validity predicates', () => {
  it('rejects keywords, dunders, digits first and non-ASCII', () => {
    for (const bad of ['class', '__init__', '2fa', 'naïve', '', 'a-b', 'None', 'self'])
      expect(isValidPyName(bad)).toBe(false);
    for (const bad of ['class', 'enum', 'constructor', '2fa', 'naïve', '', 'a-b', 'Promise', 'await'])
      expect(isValidTsName(bad)).toBe(false);
    expect(isValidPyName('o_auth_acg')).toBe(true);
    expect(isValidTsName('$scope')).toBe(true);
  });
});
