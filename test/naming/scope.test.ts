import { describe, expect, it } from 'vitest';
import { NameScope, PYTHON_RESERVED, TS_RESERVED, assignNames, pyName, tsName } from '../../generator/naming/index.js';

const screaming = (w: string): string => pyName(w, 'screaming', 'scope');
const pyOpts = { reserved: PYTHON_RESERVED, separator: '_' };

describe('assignNames', () => {
  it('gives files:read and files.read FILES_READ and FILES_READ_2 whatever the input order', () => {
    const a = assignNames(['files:read', 'files.read'], screaming, pyOpts);
    const b = assignNames(['files.read', 'files:read'], screaming, pyOpts);
    expect(Object.fromEntries(a)).toEqual({ 'files.read': 'FILES_READ', 'files:read': 'FILES_READ_2' });
    expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
  });

  it('resolves three-way collisions with increasing counters', () => {
    const m = assignNames(['a-b', 'a.b', 'a_b', 'a:b'], (w) => pyName(w, 'snake'), pyOpts);
    expect([...m.values()].sort()).toEqual(['a_b', 'a_b_2', 'a_b_3', 'a_b_4']);
    expect(m.get('a-b')).toBe('a_b'); // '-' sorts first
  });

  it('skips preclaimed and reserved names', () => {
    const m = assignNames(['client', 'Client'], (w) => tsName(w, 'pascal'), { reserved: TS_RESERVED, separator: '' }, [
      'Client',
    ]);
    expect(m.get('Client')).toBe('Client2');
    expect(m.get('client')).toBe('Client3');
  });

  it('compares case-insensitively when asked (file systems)', () => {
    const m = assignNames(['Users', 'users'], (w) => w, { reserved: new Set(), separator: '_', caseInsensitive: true });
    expect(m.get('Users')).toBe('Users');
    expect(m.get('users')).toBe('users_2');
  });

  it('deduplicates repeated wire names', () => {
    const m = assignNames(['x', 'x', 'x'], (w) => w, { reserved: new Set(), separator: '_' });
    expect(m.size).toBe(1);
    expect(m.get('x')).toBe('x');
  });
});

describe('NameScope', () => {
  it('returns the same name when the same wire name claims twice', () => {
    const s = new NameScope(pyOpts);
    expect(s.claim('files:read', 'FILES_READ')).toBe('FILES_READ');
    expect(s.claim('files.read', 'FILES_READ')).toBe('FILES_READ_2');
    expect(s.claim('files:read', 'FILES_READ')).toBe('FILES_READ');
  });

  it('never hands out a reserved name', () => {
    const s = new NameScope(pyOpts);
    expect(s.isFree('class')).toBe(false);
    expect(s.claim('class', 'class')).toBe('class_2');
  });

  it('treats reserved() names as taken', () => {
    const s = new NameScope({ reserved: new Set(), separator: '' });
    s.reserve('Client');
    expect(s.isFree('Client')).toBe(false);
    expect(s.claim('client', 'Client')).toBe('Client2');
  });
});
