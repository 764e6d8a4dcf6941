/**
 * Section-wise Markdown formatting (issue 11 §5, watch latency): the TypeScript target formats a
 * Markdown file section by section (`formatParts`, cut before each top-level `## ` heading), which is
 * only correct if prettier's output for the whole file equals the formatted sections joined by a
 * blank line. Checked on every Markdown file of every golden spec and of the hostile Markdown specs
 * (headings, fences, setext underlines, lists and pipes injected through spec text), plus cases
 * written to break a naive cut.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { loadIr } from '../../generator/generate.js';
import { renderPlan } from '../../generator/render/render.js';
import { loadTemplateSet } from '../../generator/render/templates.js';
import { markdownSections, PRETTIER_OPTIONS, typescriptTarget } from '../../generator/targets/typescript/index.js';
import { ROOT } from '../helpers/cli.js';

const pretty = (text: string): Promise<string> => prettier.format(text, { ...PRETTIER_OPTIONS, filepath: 'README.md' });

async function sectionWise(text: string): Promise<string> {
  const parts = markdownSections(text);
  const done = await Promise.all(parts.map(pretty));
  return done.map((d) => d.trimEnd() + '\n').join('\n');
}

/** Every rendered (unformatted) Markdown file of the TypeScript target for `spec`. */
async function markdownOf(spec: string): Promise<Map<string, string>> {
  const { ir } = await loadIr(spec);
  const plan = typescriptTarget.plan(ir, { packageName: null, specName: path.basename(spec) });
  // A target without a formatter renders the raw Markdown.
  const unformatted = {
    name: 'typescript' as const,
    plan: (...a: Parameters<typeof typescriptTarget.plan>) => typescriptTarget.plan(...a),
  };
  const raw = await renderPlan(unformatted, plan, await loadTemplateSet('typescript'));
  return new Map([...raw].filter(([p]) => p.endsWith('.md')));
}

const golden = readdirSync(path.join(ROOT, 'specs'))
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => path.join(ROOT, 'specs', f));
const hostileMarkdown = readdirSync(path.join(ROOT, 'specs/hostile'))
  .filter((f) => /^(md-|doc-)/.test(f))
  .map((f) => path.join(ROOT, 'specs/hostile', f));

describe('TypeScript Markdown is formatted section by section with the same result', () => {
  it.each([...golden, ...hostileMarkdown].map((s) => [path.relative(ROOT, s), s]))(
    '%s: every .md file, whole = sections',
    async (_name, spec) => {
      const files = await markdownOf(spec);
      expect(files.size).toBeGreaterThan(0);
      for (const [file, text] of files) {
        const parts = markdownSections(text);
        if (file === 'README.md') expect(parts.length).toBeGreaterThan(3); // the README really is cut
        expect(await sectionWise(text), file).toBe(await pretty(text));
      }
    },
    60_000,
  );

  it('does not cut at a heading inside a fenced block, or at a deeper heading', () => {
    const text = [
      '# Title',
      '',
      '```md',
      '## not a section',
      '```',
      '',
      '### deeper',
      '',
      '~~~~',
      '## still code',
      '~~~',
      '## still code (a shorter fence does not close)',
      '~~~~',
      '',
      '## Real section',
      '',
      'text',
    ].join('\n');
    const parts = markdownSections(text);
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe('## Real section\n\ntext\n');
  });

  it('keeps lists, tables and numbered lists that end before a heading intact', async () => {
    const text = '# T\n\n1. one\n1. two\n\n* a\n* b\n\n| a | b |\n|-|-|\n| 1 | 2 |\n## S\n\n3. three\n4. four\n\n- x\n';
    expect(await sectionWise(text)).toBe(await pretty(text));
  });
});
