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

/** Median of a few runs: a 2-core machine is noisy, and one outlier should not decide the ratio. */
function median(mode: Mode, n: number, runs: number): CaseResult {
  const results = Array.from({ length: runs }, () => runCase(mode, n)).sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor(runs / 2)];
}

/**
 * Synthesis of N AdminBuckets with one BucketUser each, against the same Terraform resources written with
 * the provider classes. "no bookmarks" produces exactly the provider baseline's resources; the default also
 * writes one .duck file per bucket, which costs what the disk charges for creating small files.
 */
export function synthBench(sizes: number[], runs: number): void {
  console.log(`synth: N AdminBucket + BucketUser vs. the same resources via provider classes (median of ${runs} runs)`);
  console.log(['N', 'resources', 'provider s', 'constructs s', 'ratio', 'with bookmarks s', 'ratio', 'RSS MiB provider/constructs'].join('\t'));
  for (const n of sizes) {
    const p = median('provider', n, runs);
    const c = median('constructs-no-bookmarks', n, runs);
    const b = median('constructs', n, runs);
    console.log(
      [
        n,
        c.resources,
        p.seconds.toFixed(2),
        c.seconds.toFixed(2),
        (c.seconds / p.seconds).toFixed(2),
        b.seconds.toFixed(2),
        (b.seconds / p.seconds).toFixed(2),
        `${p.peakRssMiB.toFixed(0)}/${b.peakRssMiB.toFixed(0)}`,
      ].join('\t'),
    );
  }
}
