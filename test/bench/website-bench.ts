import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { App, TerraformStack } from 'cdktf';
import { StaticWebsite } from '../../constructs/static-website';
import { listContent } from '../../lib/synth/website/content-files';

/**
 * `BENCH_ONLY=website npm run bench`: synthesis of a StaticWebsite whose `content` folder holds N files, each
 * case in a process of its own (so peak RSS is its own), against a website without content (what the content
 * adds) and against the same objects as one `aws_s3_object` resource per file (the design not taken).
 * Prints seconds (median of the rounds), the size of cdk.tf.json and peak RSS.
 */
type Mode = 'no-content' | 'content' | 'per-file-resources';
interface CaseResult {
  seconds: number;
  bytes: number;
  peakRssMiB: number;
}

const SITE = { domainName: 'www.bench.example', hostedZoneId: 'Z123', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/bench' };

/** A build folder of N files like a bundler's output: fingerprinted scripts and styles, pages, images. */
function makeSite(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-site-${n}-`));
  const kinds = ['html', 'js', 'js', 'js', 'js', 'css', 'css', 'png', 'png', 'svg'];
  for (let i = 0; i < n; i++) {
    const ext = kinds[i % kinds.length];
    const folder = path.join(dir, ext === 'html' ? `pages/p${Math.floor(i / 100)}` : `assets/a${Math.floor(i / 100)}`);
    const name = ext === 'html' ? `page-${i}.html` : `chunk-${i}.${randomBytes(4).toString('hex')}.${ext}`;
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), randomBytes(512 + (i % 8) * 512));
  }
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  return dir;
}

function runCase(mode: Mode, dir: string): CaseResult {
  const out = execFileSync(process.execPath, [__filename, 'case', mode, dir], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

export function websiteBench(sizes: number[], runs: number): void {
  console.log(`website: StaticWebsite with N content files (median of ${runs} rounds; cdk.tf.json in MiB)`);
  console.log(['N', 'no content s', 'content s', 'content MiB', 'bytes/file', 'RSS MiB', 'per-file resources s', 'per-file MiB', 'RSS MiB'].join('\t'));
  for (const n of sizes) {
    const dir = makeSite(n);
    try {
      const rounds = Array.from({ length: runs }, () => ({
        none: runCase('no-content', dir),
        content: runCase('content', dir),
        perFile: runCase('per-file-resources', dir),
      }));
      const pick = (f: (r: (typeof rounds)[number]) => CaseResult) => ({
        seconds: median(rounds.map((r) => f(r).seconds)),
        bytes: f(rounds[0]).bytes,
        rss: median(rounds.map((r) => f(r).peakRssMiB)),
      });
      const none = pick((r) => r.none);
      const content = pick((r) => r.content);
      const perFile = pick((r) => r.perFile);
      console.log(
        [
          n + 1,
          none.seconds.toFixed(2),
          content.seconds.toFixed(2),
          mib(content.bytes),
          Math.round((content.bytes - none.bytes) / (n + 1)),
          content.rss.toFixed(0),
          perFile.seconds.toFixed(2),
          mib(perFile.bytes),
          perFile.rss.toFixed(0),
        ].join('\t'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** One measured synthesis (`node website-bench.js case MODE DIR`): prints {seconds, bytes, peakRssMiB}. */
function measureCase(mode: Mode, dir: string): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-website-'));
  const started = process.hrtime.bigint();
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', {});
  if (mode === 'per-file-resources') {
    // the same website and objects, one resource per object with the same attributes, read from the folder
    // where it is (no asset copied)
    const bucket = new StaticWebsite(stack, 'Site', SITE).bucket;
    for (const f of listContent(dir).files) {
      new S3Object(stack, `Object-${f.key.replace(/\//g, '--')}`, {
        bucket: bucket.bucket.id,
        key: f.key,
        source: f.file,
        sourceHash: f.sha256,
        contentType: f.contentType,
        cacheControl: f.cacheControl,
      });
    }
  } else {
    new StaticWebsite(stack, 'Site', { ...SITE, content: mode === 'content' ? { directory: dir } : undefined });
  }
  app.synth();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bytes = fs.statSync(path.join(outdir, 'stacks', 'bench', 'cdk.tf.json')).size;
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(JSON.stringify({ seconds, bytes, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

if (require.main === module && process.argv[2] === 'case') measureCase(process.argv[3] as Mode, process.argv[4]);
