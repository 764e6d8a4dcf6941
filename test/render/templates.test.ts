import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderPlan } from '../../generator/render/render.js';
import { KNOWN_HELPERS } from '../../generator/render/helpers.js';
import { BUILTIN_TEMPLATES, loadTemplateSet } from '../../generator/render/templates.js';
import type { Target } from '../../generator/targets/target.js';
import { tmpDir } from '../helpers/cli.js';

let root: string;
let builtin: string;

async function put(base: string, rel: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(base, rel)), { recursive: true });
  await writeFile(path.join(base, rel), text);
}

beforeEach(async () => {
  root = await tmpDir('grantgen-render-');
  builtin = path.join(root, 'builtin');
  await put(builtin, 'docs/page.hbs', '{{title}}');
});

describe('Handlebars compile options', () => {
  it('strict mode: a field missing from the view throws instead of printing nothing', async () => {
    await put(builtin, 'docs/missing.hbs', 'Hello {{name}} {{surname}}');
    const set = await loadTemplateSet('docs', [], builtin);
    expect(set.render('missing.hbs', { name: 'a', surname: 'b' })).toBe('Hello a b');
    expect(() => set.render('missing.hbs', { name: 'a' })).toThrow(/"surname" not defined/);
  });

  it('strict mode also applies inside #each blocks', async () => {
    await put(builtin, 'docs/each.hbs', '{{#each items}}{{label}};{{/each}}');
    const set = await loadTemplateSet('docs', [], builtin);
    expect(set.render('each.hbs', { items: [{ label: 'x' }, { label: 'y' }] })).toBe('x;y;');
    expect(() => set.render('each.hbs', { items: [{ label: 'x' }, {}] })).toThrow(/"label" not defined/);
  });

  it('knownHelpersOnly: an unknown helper fails at compile time, before anything renders', async () => {
    await put(builtin, 'docs/helper.hbs', '{{shout title}}');
    await expect(loadTemplateSet('docs', [], builtin)).rejects.toThrow(/knownHelpersOnly.*unknown helper shout/);
  });

  it('registers no custom helpers: templates hold no logic', () => {
    expect(KNOWN_HELPERS).toEqual({});
  });

  it('does not HTML-escape (escaping is the view-model’s job) and keeps built-in block helpers', async () => {
    await put(builtin, 'docs/raw.hbs', '{{#if on}}{{html}}{{else}}off{{/if}}');
    const set = await loadTemplateSet('docs', [], builtin);
    expect(set.render('raw.hbs', { on: true, html: '<b>&"</b>' })).toBe('<b>&"</b>');
    expect(set.render('raw.hbs', { on: false, html: '' })).toBe('off');
  });

  it('throws a clear error for a template that does not exist', async () => {
    const set = await loadTemplateSet('docs', [], builtin);
    expect(() => set.render('nope.hbs', {})).toThrow(/template docs\/nope\.hbs not found/);
  });
});

describe('overlays', () => {
  it('an overlay replaces built-in templates file by file; the last overlay wins', async () => {
    await put(builtin, 'docs/other.hbs', 'builtin other');
    const o1 = path.join(root, 'o1');
    const o2 = path.join(root, 'o2');
    await put(o1, 'docs/page.hbs', 'o1 {{title}}');
    await put(o2, 'docs/page.hbs', 'o2 {{title}}');
    await put(o1, 'python/page.hbs', 'wrong target');
    expect((await loadTemplateSet('docs', [o1], builtin)).render('page.hbs', { title: 't' })).toBe('o1 t');
    const both = await loadTemplateSet('docs', [o1, o2], builtin);
    expect(both.render('page.hbs', { title: 't' })).toBe('o2 t');
    expect(both.render('other.hbs', {})).toBe('builtin other');
    expect(both.roots).toEqual([path.join(builtin, 'docs'), path.join(o1, 'docs'), path.join(o2, 'docs')]);
  });

  it('static files come from the last root that has them', async () => {
    await put(builtin, 'docs/static/a.txt', 'builtin a');
    await put(builtin, 'docs/static/b.txt', 'builtin b');
    const o = path.join(root, 'o');
    await put(o, 'docs/static/a.txt', 'overlay a');
    const set = await loadTemplateSet('docs', [o], builtin);
    expect(await set.readStatic('a.txt')).toBe('overlay a');
    expect(await set.readStatic('b.txt')).toBe('builtin b');
    await expect(set.readStatic('c.txt')).rejects.toThrow(/static file docs\/static\/c\.txt not found/);
  });

  it('the built-in templates folder is the package’s templates/', () => {
    expect(path.basename(BUILTIN_TEMPLATES)).toBe('templates');
  });
});

describe('partials', () => {
  it('registers partials/<name>.hbs as {{> name}}, nested folders included, overridable by overlays', async () => {
    await put(builtin, 'docs/partials/header.hbs', '# {{title}}\n');
    await put(builtin, 'docs/partials/parts/footer.hbs', '-- end');
    await put(builtin, 'docs/withPartials.hbs', '{{> header}}\n{{> parts/footer}}');
    const plain = await loadTemplateSet('docs', [], builtin);
    expect(plain.render('withPartials.hbs', { title: 'T' })).toBe('# T\n-- end');
    const o = path.join(root, 'o');
    await put(o, 'docs/partials/header.hbs', '## {{title}} (custom)\n');
    const overlaid = await loadTemplateSet('docs', [o], builtin);
    expect(overlaid.render('withPartials.hbs', { title: 'T' })).toBe('## T (custom)\n-- end');
  });

  it('a missing partial fails loudly', async () => {
    await put(builtin, 'docs/usesMissing.hbs', '{{> nothere}}');
    const set = await loadTemplateSet('docs', [], builtin);
    expect(() => set.render('usesMissing.hbs', {})).toThrow(/nothere/);
  });
});

describe('renderPlan', () => {
  const target = (format?: Target['format']): Target => ({
    name: 'docs',
    plan: () => ({ files: [], warnings: [] }),
    ...(format ? { format } : {}),
  });

  it('renders templates, statics and literal content, sorted by path, each ending in one newline', async () => {
    await put(builtin, 'docs/static/s.txt', 'static\n\n\n');
    const set = await loadTemplateSet('docs', [], builtin);
    const timings = { render: 0, format: 0 };
    const files = await renderPlan(
      target(async (p, c) => Promise.resolve(p.endsWith('.md') ? c.toUpperCase() : c)),
      {
        files: [
          { path: 'z.md', template: 'page.hbs', view: { title: 'zed' } },
          { path: 'b/s.txt', staticFile: 's.txt' },
          { path: 'a.txt', content: 'literal' },
        ],
        warnings: [],
      },
      set,
      timings,
    );
    expect([...files.entries()]).toEqual([
      ['a.txt', 'literal\n'],
      ['b/s.txt', 'static\n'],
      ['z.md', 'ZED\n'],
    ]);
    expect(timings.render).toBeGreaterThan(0);
  });

  it('rejects a plan that lists a path twice', async () => {
    const set = await loadTemplateSet('docs', [], builtin);
    await expect(
      renderPlan(
        target(),
        {
          files: [
            { path: 'a', content: '1' },
            { path: 'a', content: '2' },
          ],
          warnings: [],
        },
        set,
      ),
    ).rejects.toThrow(/planned a twice/);
  });
});
