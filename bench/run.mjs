#!/usr/bin/env node
/**
 * grantgen benchmark (`npm run bench`; issue 7). Prints one consolidated table and target checks,
 * writes bench/results.json. Flags: --quick (1 run instead of 5), --only <section>
 * (generation|scaling|incremental|runtime|startup, or 1-5), --runs N.
 * Scratch space: bench/.work (git-ignored; competitors are installed there).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, WORK, availableTargets } from './lib/grantgen.mjs';
import { version } from './lib/proc.mjs';
import { checksText, generationRows, incrementalRows, runtimeRows, scalingRows, table, targetChecks } from './lib/report.mjs';
import { generationSection } from './sections/generation.mjs';
import { incrementalSection } from './sections/incremental.mjs';
import { runtimeSection } from './sections/runtime.mjs';
import { scalingSection } from './sections/scaling.mjs';
import { STARTUP_TARGET_RATIO, startupRows, startupSection } from './sections/startup.mjs';

const SECTIONS = ['generation', 'scaling', 'incremental', 'runtime', 'startup'];

function options() {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, runs: { type: 'string' } }, strict: true });
  let only = values.only ?? null;
  if (only && /^[1-5]$/.test(only)) only = SECTIONS[Number(only) - 1];
  if (only && !SECTIONS.includes(only)) throw new Error(`--only must be one of ${SECTIONS.join(', ')} (or 1-5)`);
  const runs = values.runs ? Number(values.runs) : values.quick ? 1 : 5;
  return { quick: values.quick, only, runs };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: +(os.totalmem() / 1024 ** 3).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    python: version(path.join(ROOT, '.venv/bin/python'), ['-V']) ?? version('python3', ['-V']),
    java: version('java', ['-version']),
    maven: version('mvn', ['-v'])?.replace(/\x1b\[[0-9;]*m/g, '') ?? null,
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

const log = (s) => process.stderr.write(s + '\n');

async function main() {
  const opts = options();
  mkdirSync(WORK, { recursive: true });
  const res = { date: new Date().toISOString(), runs: opts.runs, quick: opts.quick, only: opts.only, machine: machine(), grantgenTargets: availableTargets() };
  log(`grantgen bench: ${opts.runs} run(s) per figure; targets available: ${res.grantgenTargets.join(', ')}`);
  const want = (s) => !opts.only || opts.only === s;
  const rows = [];
  const section = async (name, fn, toRows) => {
    if (!want(name)) return;
    log(`\n== ${name} ==`);
    const t0 = performance.now();
    res[name] = await fn({ runs: opts.runs, quick: opts.quick, log });
    res[name].sectionSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    const r = toRows(res[name]);
    rows.push(...r);
    log('\n' + table(r));
  };
  await section('generation', generationSection, generationRows);
  await section('scaling', scalingSection, scalingRows);
  await section('incremental', incrementalSection, incrementalRows);
  await section('runtime', runtimeSection, runtimeRows);
  await section('startup', startupSection, startupRows);
  res.machine.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  res.rows = rows;
  res.targets = targetChecks(res);
  if (res.startup)
    res.targets.push({
      name: `cold generate, sample spec, all targets, existing output ≤ ${STARTUP_TARGET_RATIO}× bare node`,
      met: res.startup.ratio <= STARTUP_TARGET_RATIO,
      figure: `${res.startup.ratio.toFixed(2)}× (${res.startup.generateMs.median.toFixed(0)} ms vs ${res.startup.bareMs.median.toFixed(0)} ms)`,
    });
  writeFileSync(path.join(ROOT, 'bench/results.json'), JSON.stringify(res, null, 2) + '\n');
  const m = res.machine;
  console.log(`\ngrantgen benchmark — ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.python ?? 'no python'}, ${m.java ?? 'no java'}; load avg ${m.loadAverageAtStart[0]} → ${m.loadAverageAtEnd[0]}; ${opts.runs} run(s) per figure (median, min, max)\n`);
  console.log(table(rows));
  console.log('\nTargets:\n' + checksText(res.targets));
  console.log('\nwrote bench/results.json');
}

try {
  await main();
} catch (e) {
  console.error(`bench failed: ${e.stack ?? e}`);
  process.exitCode = 1;
}
