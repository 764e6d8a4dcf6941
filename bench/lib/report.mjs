/** Turn section results into table rows, target checks and a printed table. */

const fmt = (x, digits = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(2);

function row(section, item, s, unit, note = '', digits = 0) {
  if (!s) return { section, item, median: null, min: null, max: null, unit, note };
  return { section, item, median: s.median, min: s.min, max: s.max, unit, note, digits };
}

function skipRow(section, item, reason) {
  return { section, item, median: null, min: null, max: null, unit: '', note: reason };
}

function phaseNote(phases) {
  if (!phases) return '';
  return Object.entries(phases)
    .map(([k, v]) => `${k} ${fmt(v?.median)}`)
    .join(', ');
}

export function generationRows(g) {
  const rows = [];
  for (const [specKey, s] of Object.entries(g.specs)) {
    for (const [tool, t] of Object.entries(s.tools)) {
      const label = `${specKey}: ${g.tools[tool]?.label ?? tool}`;
      if (!t.ok) {
        rows.push(skipRow('1 generation', label, t.reason));
        continue;
      }
      const extra = [`RSS ${fmt(t.rssMb.median)} MB (${fmt(t.rssMb.min)}–${fmt(t.rssMb.max)})`, `${t.files} files, ${mb(t.bytes)} MB`];
      if (t.phases) extra.push(`phases ms: ${phaseNote(t.phases)}`);
      rows.push(row('1 generation', `${label} wall`, t.wallMs, 'ms', extra.join('; ')));
    }
    for (const [name, r] of Object.entries(s.ratios))
      rows.push(r ? row('1 generation', `${specKey}: ${name}`, r, '×', 'paired runs', 3) : skipRow('1 generation', `${specKey}: ${name}`, 'not measured (a side is missing)'));
  }
  return rows;
}

export function scalingRows(sc) {
  const rows = [];
  for (const [n, s] of Object.entries(sc.sizes)) {
    if (!s.ok) {
      rows.push(skipRow('2 scaling', `${n} ops`, s.reason));
      continue;
    }
    rows.push(row('2 scaling', `${n} ops: per operation (in-process)`, s.msPerOp, 'ms/op', `wall ${fmt(s.wallMs.median)} ms, in-process ${fmt(s.inProcessMs.median)} ms; ${phaseNote(s.phases)}`, 3));
  }
  rows.push({ section: '2 scaling', item: 'largest / smallest time per op', median: sc.largestOverSmallestPerOp, unit: '×', digits: 2, note: `targets: ${sc.targets.join('+')}` });
  for (const m of sc.marginal ?? [])
    rows.push({ section: '2 scaling', item: `marginal cost ${m.from} → ${m.to} ops`, median: m.msPerOp, unit: 'ms/op', digits: 3, note: 'Δ in-process time / Δ operations' });
  rows.push({ section: '2 scaling', item: 'marginal ms/op (1000→5000) / (100→1000)', median: sc.marginalLastOverFirst, unit: '×', digits: 2, note: '≈1 means linear' });
  rows.push({ section: '2 scaling', item: 'per op at 5,000 / per op at 1,000', median: sc.perOp5000Over1000, unit: '×', digits: 2, note: 'superlinearity indicator' });
  return rows;
}

export function incrementalRows(inc) {
  const rows = [];
  const w = inc.watch;
  if (!w.ok) rows.push(skipRow('3 incremental', 'watch', w.reason));
  else {
    const note = `targets: ${w.targets.join('+')}; reported generate ${fmt(w.reportedGenerateMs?.median)} ms`;
    rows.push(row('3 incremental', 'watch: spec save → regenerated event', w.specEditMs, 'ms', note));
    rows.push(row('3 incremental', 'watch: template save → regenerated event', w.templateEditMs, 'ms', note));
    rows.push(row('3 incremental', 'watch: all 40 edits', w.allEditsMs, 'ms', ''));
  }
  const c = inc.check;
  rows.push(c.ok ? row('3 incremental', 'check (unchanged tree, fresh process)', c.wallMs, 'ms', `targets: ${c.targets.join('+')}`) : skipRow('3 incremental', 'check', c.reason));
  return rows;
}

/**
 * Rows of one sequential SDK-vs-raw measurement. Median/Min/Max are over rounds; per round every
 * call is timed on its own (sdk, raw and an identical raw "control" client in rotating order), and
 * the figure of a round is its median per-call time (or, where said, its mean).
 */
function sequentialRows(lang, kind, rawLabel, r, what) {
  const sec = '4 runtime';
  const perRound = `${r.calls} ${what} per side per round, interleaved`;
  return [
    row(sec, `${lang}: ${kind}SDK call (valid token), median`, r.sdkMedianUsPerCall, 'µs/call', `round medians; ${perRound}; means ${fmt(r.sdkUsPerCall?.median)} µs`),
    row(sec, `${lang}: ${kind}${rawLabel} call, median`, r.rawMedianUsPerCall, 'µs/call', `round medians; means ${fmt(r.rawUsPerCall?.median)} µs`),
    row(sec, `${lang}: ${kind}A/A control call, median`, r.controlMedianUsPerCall, 'µs/call', `an identical second ${rawLabel} side; means ${fmt(r.controlUsPerCall?.median)} µs`),
    row(sec, `${lang}: ${kind}SDK / raw (per-call medians)`, r.sdkOverRaw, '×', 'headline: per round median SDK / median raw', 3),
    row(sec, `${lang}: ${kind}SDK / raw (means)`, r.sdkOverRawMean, '×', 'per round mean SDK / mean raw (GC and scheduler outliers included)', 3),
    row(sec, `${lang}: ${kind}A/A control / raw (per-call medians)`, r.controlOverRaw, '×', `the bench's noise floor (1.000 = unbiased); means ${fmt(r.controlOverRawMean?.median, 3)}×`, 3),
  ];
}

export function runtimeRows(rt) {
  if (!rt.ok) return [skipRow('4 runtime', 'SDK runtime', rt.reason)];
  const rows = [];
  for (const [lang, r] of [
    ['python', rt.python],
    ['typescript', rt.typescript],
  ]) {
    if (!r.ok) {
      rows.push(skipRow('4 runtime', lang, r.reason));
      continue;
    }
    const rawName = lang === 'python' ? 'httpx' : 'fetch';
    if (r.sdkOverRaw) rows.push(...sequentialRows(lang, '', `raw ${rawName}`, r, 'calls'));
    else rows.push(skipRow('4 runtime', `${lang}: sequential`, r.sequentialError));
    if (r.concurrent) {
      const c = r.concurrent;
      rows.push({
        section: '4 runtime',
        item: `${lang}: ${c.calls} concurrent calls, expired token`,
        median: c.totalMs,
        unit: 'ms',
        note: `token requests ${c.tokenRequests} (${c.grantTypes.join(',') || '-'}), ${c.successes}/${c.calls} ok, update callbacks ${c.tokenUpdateCallbacks ?? '-'}${c.errors.length ? `; e.g. ${c.errors[0]}` : ''}`,
      });
    } else rows.push(skipRow('4 runtime', `${lang}: concurrency`, r.concurrentError));
    if (r.async?.sdkOverRaw) rows.push(...sequentialRows(lang, 'async ', `raw ${rawName}.AsyncClient`, r.async, 'awaits'));
    else if (r.asyncSequentialError) rows.push(skipRow('4 runtime', `${lang}: async sequential`, r.asyncSequentialError));
    if (r.asyncConcurrent) {
      const c = r.asyncConcurrent;
      rows.push({
        section: '4 runtime',
        item: `${lang}: ${c.calls} concurrent async tasks, expired token`,
        median: c.totalMs,
        unit: 'ms',
        note: `token requests ${c.tokenRequests} (${c.grantTypes.join(',') || '-'}), ${c.successes}/${c.calls} ok, update callbacks ${c.tokenUpdateCallbacks ?? '-'}${c.errors.length ? `; e.g. ${c.errors[0]}` : ''}`,
      });
    } else if (r.asyncConcurrentError) rows.push(skipRow('4 runtime', `${lang}: async concurrency`, r.asyncConcurrentError));
  }
  return rows;
}

/** The SDK-overhead check's text: the headline (per-call medians), the means, and the A/A noise floor. */
function overheadFigure(f) {
  const o = f.sdkOverRaw.median;
  const mean = f.sdkOverRawMean ? `; means ${f.sdkOverRawMean.median.toFixed(3)}×` : '';
  const aa = f.controlOverRaw ? `; A/A control/raw ${f.controlOverRaw.median.toFixed(3)}×` : '';
  return `${((o - 1) * 100).toFixed(1)} % (SDK/raw ${o.toFixed(3)}×, per-call medians, median of ${f.sdkOverRaw.n} round(s)${mean}${aa})`;
}

/** Target checks: { name, met (true/false/null = not measured), figure }. */
export function targetChecks(res) {
  const checks = [];
  const add = (name, met, figure) => checks.push({ name, met, figure });
  const gh = res.generation?.specs?.github;
  if (gh) {
    const all = gh.tools['grantgen-all'];
    const label = res.generation.tools['grantgen-all']?.label ?? 'grantgen-all';
    const r1 = gh.ratios['grantgen-all / openapi-typescript'];
    const r2 = gh.ratios['grantgen-all / hey-api'];
    add('GitHub, all targets ≤ 0.5× openapi-typescript time', r1 ? r1.median <= 0.5 : null, r1 ? `${r1.median.toFixed(3)}× (${label})` : 'not measured');
    add('GitHub, all targets ≤ 0.1× hey-api time', r2 ? r2.median <= 0.1 : null, r2 ? `${r2.median.toFixed(3)}× (${label})` : 'not measured');
    add('GitHub, all targets peak RSS ≤ 500 MB', all?.ok ? all.rssMb.median <= 500 : null, all?.ok ? `${all.rssMb.median.toFixed(0)} MB (${label})` : 'not measured');
  }
  const sample = res.generation?.specs?.sample?.tools?.['grantgen-all'];
  if (res.generation)
    add('sample spec end to end (fresh process, all targets) ≤ 300 ms', sample?.ok ? sample.wallMs.median <= 300 : null, sample?.ok ? `${sample.wallMs.median.toFixed(0)} ms (${res.generation.tools['grantgen-all'].label})` : 'not measured');
  const w = res.incremental?.watch;
  if (res.incremental) add('watch regeneration ≤ 100 ms', w?.ok ? w.allEditsMs.median <= 100 : null, w?.ok ? `${w.allEditsMs.median.toFixed(0)} ms median of ${2 * 20} edits (spec ${w.specEditMs.median.toFixed(0)}, template ${w.templateEditMs.median.toFixed(0)})` : 'not measured');
  const rt = res.runtime;
  if (rt) {
    for (const lang of ['python', 'typescript']) {
      const r = rt[lang];
      const o = r?.sdkOverRaw;
      add(`${lang} SDK auth overhead ≤ 5 %`, o ? o.median <= 1.05 : null, o ? overheadFigure(r) : (r?.reason ?? r?.sequentialError ?? rt.reason ?? 'not measured'));
      const c = r?.concurrent;
      add(`${lang}: exactly one token request for ${rt.concurrency ?? 100} concurrent calls`, c ? c.tokenRequests === 1 && c.successes === c.calls : null, c ? `${c.tokenRequests} token request(s), ${c.successes}/${c.calls} ok, ${c.totalMs.toFixed(0)} ms` : (r?.reason ?? r?.concurrentError ?? rt.reason ?? 'not measured'));
      if (lang === 'python') {
        const a = r?.async?.sdkOverRaw;
        add('python async SDK overhead vs raw httpx.AsyncClient ≤ 5 %', a ? a.median <= 1.05 : null, a ? overheadFigure(r.async) : (r?.asyncSequentialError ?? r?.reason ?? 'not measured'));
        const ac = r?.asyncConcurrent;
        add(`python async: exactly one token request and one callback for ${rt.concurrency ?? 100} concurrent tasks`, ac ? ac.tokenRequests === 1 && ac.tokenUpdateCallbacks === 1 && ac.successes === ac.calls : null, ac ? `${ac.tokenRequests} token request(s), ${ac.tokenUpdateCallbacks} callback(s), ${ac.successes}/${ac.calls} ok, ${ac.totalMs.toFixed(0)} ms` : (r?.asyncConcurrentError ?? r?.reason ?? 'not measured'));
      }
    }
  }
  return checks;
}

/** A plain-text table with aligned columns. */
export function table(rows) {
  const head = ['Section', 'Case', 'Median', 'Min', 'Max', 'Unit', 'Notes'];
  const body = rows.map((r) => [r.section, r.item, fmt(r.median, r.digits ?? 0), fmt(r.min, r.digits ?? 0), fmt(r.max, r.digits ?? 0), r.unit ?? '', r.note ?? '']);
  const widths = head.map((h, i) => Math.min(i === 6 ? 200 : 70, Math.max(h.length, ...body.map((b) => String(b[i]).length))));
  const line = (cells) => cells.map((c, i) => (i >= 2 && i <= 4 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

export function checksText(checks) {
  return checks.map((c) => `${c.met === true ? 'met    ' : c.met === false ? 'NOT met' : 'n/a    '}  ${c.name}: ${c.figure}`).join('\n');
}
