import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

interface CaseResult {
  seconds: number;
  peakRssMiB: number;
  resources: number;
}

type Mode = 'provider' | 'constructs-no-bookmarks' | 'constructs';

function runCase(mode: Mode, n: number): CaseResult {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'synth-case.js'), mode, String(n)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Synthesis of N AdminBuckets with one BucketUser each, against the same Terraform resources written with
 * the provider classes. "no bookmarks" produces exactly the provider baseline's resources; the default also
 * writes one .duck file per bucket, which costs what the disk charges for creating small files.
 *
 * The three variants run side by side in each round and the ratios are taken per round, then the median:
 * this machine's speed drifts (twofold within an hour has been seen), which would decide a ratio of
 * variants measured minutes apart.
 */
export function synthBench(sizes: number[], runs: number): void {
  console.log(`synth: N AdminBucket + BucketUser vs. the same resources via provider classes (median of ${runs} rounds)`);
  console.log(['N', 'resources', 'provider s', 'constructs s', 'ratio', 'with bookmarks s', 'ratio', 'RSS MiB provider/constructs'].join('\t'));
  for (const n of sizes) {
    const rounds = Array.from({ length: runs }, () => ({
      p: runCase('provider', n),
      c: runCase('constructs-no-bookmarks', n),
      b: runCase('constructs', n),
    }));
    const seconds = (pick: (r: (typeof rounds)[number]) => CaseResult) => medianOf(rounds.map((r) => pick(r).seconds));
    console.log(
      [
        n,
        rounds[0].c.resources,
        seconds((r) => r.p).toFixed(2),
        seconds((r) => r.c).toFixed(2),
        medianOf(rounds.map((r) => r.c.seconds / r.p.seconds)).toFixed(2),
        seconds((r) => r.b).toFixed(2),
        medianOf(rounds.map((r) => r.b.seconds / r.p.seconds)).toFixed(2),
        `${medianOf(rounds.map((r) => r.p.peakRssMiB)).toFixed(0)}/${medianOf(rounds.map((r) => r.b.peakRssMiB)).toFixed(0)}`,
      ].join('\t'),
    );
  }
}
