import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Shared by the benchmarks: machine facts, and replacing one benchmark's section of BENCHMARKS.md. */
export const repoRoot = path.resolve(import.meta.dirname, '..');

export function machineInfo() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1e9),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function writeResult(name: string, result: unknown): void {
  fs.mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, `bench/results/${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** Replaces the section starting with `heading` (up to the next `## `), or appends it. */
export function writeSection(heading: string, lines: readonly string[]): void {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const section = [heading, '', ...lines, ''].join('\n');
  let doc = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nMeasured numbers, reported and never asserted in tests. Each section is rewritten by its benchmark.\n\n';
  const start = doc.indexOf(heading);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + 1);
    doc = doc.slice(0, start) + section + (next >= 0 ? doc.slice(next + 1) : '');
  } else {
    doc = `${doc.trimEnd()}\n\n${section}`;
  }
  fs.writeFileSync(file, doc);
}
