import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, LocalBackend, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { RgwEndpoint } from '../../constructs/admin-endpoint';
import { RgwUser } from '../../constructs/rgw-user';
import { ifFound } from '../../lib/admin-api/admin-api-error';
import { RgwAdminClient } from '../../lib/admin-api/rgw-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { mapConcurrently } from '../../lib/day2/concurrency';
import { createServerCertificate } from '../../lib/provider/protocol/server-certificate';
import { FaultProxy } from '../support/fault-proxy';
import { providerExecutable } from '../support/provider/plugin-process';
import { repoRoot } from '../support/repo-root';
import { withTestServers } from './test-servers';

const ROOT = repoRoot();
const TOFU = path.join(ROOT, '.cache', 'go-bin', 'tofu');
const PROVIDER = path.join(ROOT, 'dist', 'provider', 'terraform-provider-s3admin.js');
const STACK = 'bench';
const PARALLELISM = 10;
const GOAL_RATIO = 8;
const GOAL_STARTUP_MS = 150;
const PHASES = ['create', 'no-op plan', 'rename', 'destroy'] as const;
type Phase = (typeof PHASES)[number];
type Side = 'provider' | 'floor';

/** The engine's floor: a bare `terraform_data` (built into the engine: no plugin, no API) holding a string. */
class BenchData extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly value: string,
  ) {
    super(scope, id, { terraformResourceType: 'terraform_data', terraformGeneratorMetadata: { providerName: 'terraform' } });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.value };
  }
}

interface EngineRun {
  readonly code: number;
  readonly seconds: number;
  readonly log: string;
}

/** OpenTofu as the bench runs it: offline (a CLI config that does not exist, so the implied mirror), quiet. */
function engineEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: path.join(os.tmpdir(), `no-such-tofurc-${process.pid}`),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    RGW_ENDPOINT: process.env.RGW_ENDPOINT,
    RGW_ADMIN_ACCESS_KEY: process.env.RGW_ADMIN_ACCESS_KEY,
    RGW_ADMIN_SECRET_KEY: process.env.RGW_ADMIN_SECRET_KEY,
  };
  delete env.TF_LOG;
  delete env.TF_LOG_PATH;
  return { ...env, ...extra };
}

function tofu(cwd: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<EngineRun> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(TOFU, args, { cwd, env: engineEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, seconds: Number(process.hrtime.bigint() - started) / 1e9, log }));
  });
}

async function tofuOk(cwd: string, args: string[], okCodes: number[] = [0], extraEnv?: NodeJS.ProcessEnv): Promise<EngineRun> {
  const run = await tofu(cwd, args, extraEnv);
  if (!okCodes.includes(run.code)) throw new Error(`tofu ${args.join(' ')} in ${cwd} exited ${run.code}:\n${run.log.slice(-4000)}`);
  return run;
}

const APPLY = ['apply', '-auto-approve', '-input=false', '-no-color', `-parallelism=${PARALLELISM}`];
const PLAN = ['plan', '-detailed-exitcode', '-input=false', '-no-color', `-parallelism=${PARALLELISM}`];
const DESTROY = ['destroy', '-auto-approve', '-input=false', '-no-color', `-parallelism=${PARALLELISM}`];

/** One synthesized stack in a directory of its own, re-synthesized in place (state and .terraform stay). */
class BenchStack {
  /** an apply was started: something may exist that only a destroy removes */
  touched = false;
  destroyed = false;

  constructor(
    readonly side: Side,
    private readonly outdir: string,
    private readonly build: (stack: TerraformStack, suffix: string) => void,
  ) {}

  get dir(): string {
    return path.join(this.outdir, 'stacks', STACK);
  }

  synth(suffix: string): void {
    const app = new App({ outdir: this.outdir });
    const stack = new TerraformStack(app, STACK);
    // cdktf's default local state is <cwd>/terraform.<stack>.tfstate: shared by both sides and put in the repo
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    this.build(stack, suffix);
    app.synth();
  }
}

function rgwStack(outdir: string, url: string, uids: string[]): BenchStack {
  return new BenchStack('provider', outdir, (stack, suffix) => {
    const endpoint = new RgwEndpoint({ url });
    uids.forEach((uid, i) => new RgwUser(stack, `U${i}`, { endpoint, uid, displayName: `Bench user ${i}${suffix}` }));
  });
}

function floorStack(outdir: string, n: number): BenchStack {
  return new BenchStack('floor', outdir, (stack, suffix) => {
    for (let i = 0; i < n; i++) new BenchData(stack, `U${i}`, `Bench user ${i}${suffix}`);
  });
}

type RoundResult = Record<Phase | 'init', Record<Side, number>>;

/**
 * One round at size n: both stacks go through each phase before the next phase starts, so the ratio compares
 * the two under the same machine speed. Whatever was applied is destroyed in the end, error or not.
 */
async function round(n: number, tag: string): Promise<RoundResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `provider-bench-${n}-`));
  const uids = Array.from({ length: n }, (_, i) => `bench-${tag}-${n}-${i}`);
  const stacks = [rgwStack(path.join(root, 'provider'), process.env.RGW_ENDPOINT!, uids), floorStack(path.join(root, 'floor'), n)];
  const result = Object.fromEntries(['init', ...PHASES].map((p) => [p, { provider: NaN, floor: NaN }])) as RoundResult;
  try {
    for (const s of stacks) {
      s.synth('');
      result.init[s.side] = (await tofuOk(s.dir, ['init', '-input=false', '-no-color'])).seconds;
    }
    for (const s of stacks) {
      s.touched = true;
      result.create[s.side] = (await tofuOk(s.dir, APPLY)).seconds;
    }
    for (const s of stacks) {
      const plan = await tofuOk(s.dir, PLAN, [0, 2]);
      if (plan.code !== 0) console.log(`WARNING: N=${n} ${s.side}: the plan after apply is not empty (exit ${plan.code}):\n${plan.log.slice(-2000)}`);
      result['no-op plan'][s.side] = plan.seconds;
    }
    for (const s of stacks) {
      s.synth(' renamed');
      result.rename[s.side] = (await tofuOk(s.dir, APPLY)).seconds;
    }
    for (const s of stacks) {
      result.destroy[s.side] = (await tofuOk(s.dir, DESTROY)).seconds;
      s.destroyed = true;
    }
    return result;
  } finally {
    for (const s of stacks.filter((x) => x.touched && !x.destroyed)) {
      const run = await tofu(s.dir, DESTROY).catch((e: Error) => ({ code: 1, log: e.message }));
      if (run.code === 0) continue;
      console.log(`WARNING: N=${n} ${s.side}: clean-up destroy failed (exit ${run.code}):\n${run.log.slice(-2000)}`);
      if (s.side === 'provider') await sweepUsers(uids);
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The last resort after a failed destroy: the round's users removed by direct calls. */
async function sweepUsers(uids: string[]): Promise<void> {
  const http = adminHttp(process.env.RGW_ENDPOINT!);
  try {
    const rgw = new RgwAdminClient(http);
    await mapConcurrently(uids, 8, (uid) => ifFound(() => rgw.removeUser(uid, false)));
  } finally {
    http.close();
  }
}

function adminHttp(endpoint: string): SignedHttpClient {
  return new SignedHttpClient({ endpoint, credentials: { accessKeyId: process.env.RGW_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.RGW_ADMIN_SECRET_KEY! } });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Spawn of the provider's executable (the launcher, as synth ships it) to its go-plugin handshake line on
 * stdout, with the environment the engine gives it and this cache home. `linger` keeps it running long
 * enough to write its code cache before it is killed.
 */
function providerStartup(clientCertPem: string, cacheHome: string, linger = 0): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [providerExecutable()], {
      env: {
        ...process.env,
        XDG_CACHE_HOME: cacheHome,
        TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
        PLUGIN_PROTOCOL_VERSIONS: '6',
        PLUGIN_CLIENT_CERT: clientCertPem,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let done = false;
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (done || !out.includes('\n')) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      setTimeout(() => child.kill('SIGKILL'), linger);
      // killed, it cannot remove its socket: 1|6|unix|<socket>|grpc|<cert>
      const socket = out.split('\n')[0].split('|')[3];
      child.on('close', () => {
        if (socket) fs.rmSync(socket, { force: true });
        resolve(ms);
      });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done) reject(new Error(`the provider exited ${code} before its handshake line: ${err}`));
    });
  });
}

/** Spawn to exit of `node <args>`; the bundle without the cookie loads, says it is not run by hand and exits. */
function nodeSpawnToExit(args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: '' } });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

async function startupFigures(times: number): Promise<{ provider: number[]; cold: number[]; load: number[]; node: number[] }> {
  const cert = createServerCertificate().certPem;
  const figures = { provider: [] as number[], cold: [] as number[], load: [] as number[], node: [] as number[] };
  // a cache home the first start fills, as the engine's first command does for a user
  const warm = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provider-cache-'));
  await providerStartup(cert, warm, 1_500);
  for (let i = 0; i < times; i++) {
    figures.provider.push(await providerStartup(cert, warm));
    figures.cold.push(await providerStartup(cert, fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provider-nocache-'))));
    figures.load.push(await nodeSpawnToExit([PROVIDER]));
    figures.node.push(await nodeSpawnToExit(['-e', '']));
  }
  return figures;
}

interface CallCounts {
  /** phase -> requests that reached RGW, by `METHOD path` */
  readonly calls: Record<Phase, Map<string, number>>;
  /** phase -> provider processes the engine started */
  readonly starts: Record<Phase | 'init', number>;
}

/**
 * A small stack run once more with a recording proxy in front of RGW and the engine's debug log: how many
 * admin calls each user costs per phase, and how many provider processes each command starts.
 */
async function countCalls(n: number, tag: string): Promise<CallCounts> {
  const proxy = new FaultProxy(process.env.RGW_ENDPOINT!);
  const url = await proxy.start();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-bench-calls-'));
  const uids = Array.from({ length: n }, (_, i) => `bench-${tag}-calls-${i}`);
  const stack = rgwStack(path.join(root, 'provider'), url, uids);
  const calls = {} as CallCounts['calls'];
  const starts = {} as CallCounts['starts'];
  const logFile = path.join(root, 'tofu.log');
  const counted = async (phase: Phase | 'init', args: string[], okCodes: number[] = [0]) => {
    fs.rmSync(logFile, { force: true });
    const before = proxy.records.length;
    await tofuOk(stack.dir, args, okCodes, { TF_LOG: 'debug', TF_LOG_PATH: logFile });
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    starts[phase] = log.split('\n').filter((l) => /plugin started/.test(l) && /s3admin/.test(l)).length;
    if (phase === 'init') return;
    const byKind = new Map<string, number>();
    for (const r of proxy.records.slice(before)) {
      const kind = `${r.method} ${new URL(r.url, 'http://x').pathname}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    calls[phase] = byKind;
  };
  try {
    stack.synth('');
    await counted('init', ['init', '-input=false', '-no-color']);
    stack.touched = true;
    await counted('create', APPLY);
    await counted('no-op plan', PLAN, [0, 2]);
    stack.synth(' renamed');
    await counted('rename', APPLY);
    await counted('destroy', DESTROY);
    stack.destroyed = true;
    return { calls, starts };
  } finally {
    if (!stack.destroyed && stack.touched && (await tofu(stack.dir, DESTROY)).code !== 0) await sweepUsers(uids);
    await proxy.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const fmt = (s: number) => s.toFixed(2);

/**
 * `npm run bench` for the s3admin provider: N RGW users (the real constructs, synthesized in-process) taken
 * through create, a no-op plan, a rename of every user in place and destroy by OpenTofu, against the engine's
 * own floor (N bare terraform_data with the same phases) in the same round; then the provider's start-up.
 */
export async function providerBench(sizes: number[], rounds: number): Promise<void> {
  await withTestServers(async () => {
    const version = /OpenTofu v[\w.-]+/.exec((await tofuOk(ROOT, ['version'])).log)?.[0] ?? 'OpenTofu';
    console.log(
      `\nprovider: N RgwUser via the s3admin provider vs N bare terraform_data (the engine's floor), ${version}, -parallelism=${PARALLELISM}, ` +
        `seconds of each engine command (wall clock), median of ${rounds} round(s); ratio = median of the rounds' provider/floor; ` +
        `goal: every phase within ${GOAL_RATIO}x; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the start`,
    );
    console.log('(earlier design, a process per object, 200 users: create 32.6 s, rename 18.2 s, destroy 18.0 s; bare terraform_data 0.32 / 0.54 / 0.37 s)');
    console.log(['N', 'phase', 'provider s', 'floor s', 'ratio', `within ${GOAL_RATIO}x`].join('\t'));
    const runId = randomBytes(3).toString('hex');
    for (const n of sizes) {
      const results: RoundResult[] = [];
      for (let r = 0; r < rounds; r++) results.push(await round(n, `${runId}r${r}`));
      for (const phase of ['init', ...PHASES] as const) {
        const ratio = median(results.map((x) => x[phase].provider / x[phase].floor));
        const verdict = phase === 'init' ? '(not a goal)' : ratio <= GOAL_RATIO ? 'yes' : 'no';
        console.log([n, phase, fmt(median(results.map((x) => x[phase].provider))), fmt(median(results.map((x) => x[phase].floor))), ratio.toFixed(1), verdict].join('\t'));
      }
    }

    console.log(`(load average ${os.loadavg()[0].toFixed(1)} at the end of the rounds)`);

    const startup = await startupFigures(20);
    const startupMedian = median(startup.provider);
    console.log(`\nprovider start-up: spawn of the bundle to its handshake line, 20 times (goal: median under ${GOAL_STARTUP_MS} ms)`);
    console.log(['what', 'median ms', 'p90 ms', 'goal met'].join('\t'));
    console.log(['provider spawn to handshake (code cache filled by an earlier start)', startupMedian.toFixed(0), percentile(startup.provider, 90).toFixed(0), startupMedian < GOAL_STARTUP_MS ? 'yes' : 'no'].join('\t'));
    console.log(['the same, first start for a user (no code cache yet)', median(startup.cold).toFixed(0), percentile(startup.cold, 90).toFixed(0), '-'].join('\t'));
    console.log(['bundle without the cookie: load, refuse, exit', median(startup.load).toFixed(0), percentile(startup.load, 90).toFixed(0), '-'].join('\t'));
    console.log(['node -e "" spawn to exit, for scale', median(startup.node).toFixed(0), percentile(startup.node, 90).toFixed(0), '-'].join('\t'));

    const countN = 20;
    const counts = await countCalls(countN, runId);
    console.log(`\nprovider: admin calls per user (recording proxy in front of RGW) and provider processes per command, ${countN} users, once`);
    console.log(['phase', 'provider starts', 'calls per user', 'by kind (per user)'].join('\t'));
    console.log(['init', counts.starts.init, '-', '-'].join('\t'));
    for (const phase of PHASES) {
      const kinds = [...counts.calls[phase]].sort(([a], [b]) => a.localeCompare(b));
      const total = kinds.reduce((sum, [, c]) => sum + c, 0);
      console.log([phase, counts.starts[phase], (total / countN).toFixed(2), kinds.map(([k, c]) => `${k} ${(c / countN).toFixed(2)}`).join(', ')].join('\t'));
    }
  });
}
