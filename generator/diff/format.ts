/** Renderings of a diff: a terminal table, a CHANGELOG section in Markdown, and JSON. */
import { mdCode, mdText } from '../targets/shared/markdown.js';
import type { Change, ChangeKind, DiffResult } from './compare.js';

/** Spec strings reach the terminal: no control or bidi characters. */
export function termSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

export function table(r: DiffResult): string {
  if (r.changes.length === 0) return 'grantgen diff: no SDK-level change (bump: none)';
  const rows = [
    ['KIND', 'PYTHON', 'TYPESCRIPT', 'CHANGE'],
    ...r.changes.map((c) => [c.kind, c.python, c.typescript, c.message].map(termSafe)),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  const count = (k: ChangeKind): number => r.changes.filter((c) => c.kind === k).length;
  return [
    ...lines,
    '',
    `${r.changes.length} change(s): ${count('breaking')} breaking, ${count('feature')} feature, ${count('fix')} fix; bump: ${r.bump}`,
  ].join('\n');
}

const HEADINGS: [ChangeKind, string][] = [
  ['breaking', 'Breaking changes'],
  ['feature', 'Features'],
  ['fix', 'Fixes'],
];

function item(c: Change): string {
  return `- ${mdText(termSafe(c.message))} (Python ${mdCode(termSafe(c.python))}, TypeScript ${mdCode(termSafe(c.typescript))})`;
}

/** A CHANGELOG section: `## <title> (<bump>)` then one list per kind. */
export function markdown(r: DiffResult, title = 'Unreleased'): string {
  const out = [`## ${mdText(title)} (${r.bump})`, ''];
  if (r.changes.length === 0) out.push('No SDK-level changes.', '');
  for (const [kind, heading] of HEADINGS) {
    const list = r.changes.filter((c) => c.kind === kind);
    if (list.length === 0) continue;
    out.push(`### ${heading}`, '', ...list.map(item), '');
  }
  return out.join('\n');
}

export function json(r: DiffResult): string {
  return JSON.stringify(
    {
      bump: r.bump,
      changes: r.changes.map(({ kind, message, python, typescript }) => ({ kind, message, python, typescript })),
    },
    null,
    2,
  );
}
