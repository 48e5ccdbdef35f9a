import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Fault, FaultProxy, ProxyRecord } from '../support/fault-proxy';
import { repoRoot } from '../support/repo-root';
import { CdktfProject, Engine, flatLog, nonSensitiveStrings, RunResult, ShowJson, ShowResource, StackApp } from './cdktf-project';
import { KeyProbe } from './key-probe';
import { PhaseClock } from './phases';

/** A resource of a version 4 state file, as the engines write it. */
interface StateResource {
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly instances: Array<{ readonly attributes: Record<string, any>; readonly deposed?: string }>;
}

/**
 * What the proxy in front of the admin API does to the calls of the next command:
 * - `outage`: every call answers 503 (a long outage: the provider's retries run out);
 * - `short-outage`: the next `writes` write calls answer 503, then all pass (the retries ride it out);
 * - `stop-after-first-write`: the first write reaches the server, then every call is refused (a server
 *   stopped mid-apply); with `loseAnswer`, the server acts on that write but its answer never arrives.
 */
export type FaultMode =
  | { readonly kind: 'none' }
  | { readonly kind: 'outage' }
  | { readonly kind: 'short-outage'; writes: number }
  | { readonly kind: 'stop-after-first-write'; readonly loseAnswer: boolean; stopped: boolean };

export interface E2eRunOptions {
  readonly engine: Engine;
  /** Name of the system, for titles: RGW, VersityGW, ostor. */
  readonly system: string;
  /** The admin API the proxy forwards to. */
  readonly target: string;
  readonly stackName: string;
  readonly app: StackApp;
  /** Is this call a write? Reads are GET everywhere but on VersityGW, whose admin API lists with PATCH. */
  readonly isWrite?: (method: string, url: string) => boolean;
  /** The environment of cdktf and the engine (admin credentials are read from it). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Names of the state attributes that hold generated secrets. @default /secret_access_key$/ */
  readonly secretAttributes?: RegExp;
}

export const writesAreNotGets = (method: string) => method !== 'GET' && method !== 'HEAD';

/** The stacks of the suites, built by `npm run build` from test/e2e/stacks/ into dist/. */
export function e2eStackApp(className: string): StackApp {
  const root = repoRoot();
  const source = path.join(root, 'test', 'e2e', 'stacks', 'e2e-stacks.ts');
  const built = path.join(root, 'dist', 'test', 'e2e', 'stacks', 'e2e-stacks.js');
  const bundle = path.join(root, 'dist', 'provider', 'terraform-provider-s3admin.js');
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs || !fs.existsSync(bundle)) {
    throw new Error(`${built} or the provider bundle is missing or older than its source: run 'npm run build' first`);
  }
  return { packageRoot: root, module: 'dist/test/e2e/stacks/e2e-stacks', className };
}

/**
 * One end-to-end run of a stack on one engine: its cdktf project, the admin endpoint behind a counting
 * proxy that can play faults, the props of the last deploy, the secrets seen so far, and the wall time of
 * each phase.
 */
export class E2eRun {
  fault: FaultMode = { kind: 'none' };
  readonly proxy: FaultProxy;
  readonly clock = new PhaseClock();
  /** Every generated secret the state has held so far (read after each deploy). */
  readonly secrets = new Set<string>();
  readonly project: CdktfProject;
  readonly engine: Engine;
  url = '';
  /** Set when a phase failed on this run. */
  failed = false;
  private props: Record<string, unknown> = {};

  constructor(private readonly options: E2eRunOptions) {
    this.engine = options.engine;
    this.proxy = new FaultProxy(options.target, (_n, req) => this.decide(req));
    this.project = new CdktfProject(options.engine, options.stackName, options.app, options.env ?? process.env);
  }

  get title(): string {
    return `${this.options.system} on ${this.engine.name}`;
  }

  /** Starts the proxy; `props` are the stack's first props, with `url` set to the proxy. */
  async start(props: Record<string, unknown>): Promise<void> {
    this.url = await this.proxy.start();
    this.props = { ...props, url: this.url };
  }

  /** Stops the proxy and prints the phase times; the project directory is removed unless a phase failed. */
  async stop(): Promise<void> {
    await this.proxy.stop();
    const kept = this.failed ? `\n  (project kept for a look: ${this.project.dir}, logs in logs/)` : '';
    if (!this.failed) fs.rmSync(this.project.dir, { recursive: true, force: true });
    console.log(this.clock.report(`e2e ${this.title}`) + kept);
  }

  /** `cdktf deploy` with the props changed by `change`; the secrets of the resulting state are remembered. */
  async deploy(phase: string, change: Record<string, unknown> = {}, fault: FaultMode = { kind: 'none' }): Promise<RunResult> {
    this.props = { ...this.props, ...change };
    const result = await this.withFault(fault, () => this.clock.time(phase, () => this.project.deploy(this.props)));
    this.harvestSecrets();
    return result;
  }

  /**
   * `cdktf deploy` with `change` while every admin call answers 503: it fails naming the call (`failedCall`, a
   * regular expression of what comes before the API's answer) and says that running it again once the server
   * is healthy loses nothing.
   */
  async expectOutageFailure(change: Record<string, unknown>, failedCall: string): Promise<void> {
    const result = await this.deploy('deploy during a long outage (fails)', change, { kind: 'outage' });
    expect(result.code).not.toBe(0);
    const log = this.flat(result);
    expect(log).toMatch(new RegExp(`${failedCall}: the API answered HTTP 503 ServiceUnavailable: injected by the fault proxy`));
    expect(log).toMatch(/The server failed after retries: run the same command again once it is healthy; nothing is lost/);
  }

  async plan(phase: string): Promise<RunResult> {
    return this.clock.time(phase, () => this.project.plan());
  }

  /** A plan right after a deploy: exit 0 and "No changes", having read the server and written nothing. */
  async expectEmptyReplan(phase = 're-plan'): Promise<void> {
    const writes = this.writes().length;
    const calls = this.proxy.records.length;
    const plan = await this.plan(phase);
    expect(plan.code).toBe(0);
    expect(this.flat(plan)).toMatch(/No changes\. Your infrastructure matches the configuration/);
    expect(this.proxy.records.length).toBeGreaterThan(calls);
    expect(this.writes().length).toBe(writes);
  }

  async destroy(phase: string): Promise<RunResult> {
    return this.clock.time(phase, () => this.project.destroy());
  }

  /**
   * `cdktf deploy` with `change` while `probe` tries the keys: it succeeds, and the probe saw the old key at
   * first, the new one alone at the end, and no moment without a working key.
   */
  async deployProbing(phase: string, change: Record<string, unknown>, probe: KeyProbe): Promise<RunResult> {
    probe.start();
    const result = await this.deploy(phase, change);
    await probe.stop();
    expectSuccess(result, 'cdktf deploy');
    console.log(`${this.title}: ${probe.rounds.length} probe rounds during the rotation: ${probe.story}`);
    expect(probe.rounds.length).toBeGreaterThan(3);
    expect(probe.gaps).toEqual([]);
    expect(probe.rounds[0].working).toContain('old');
    expect(probe.rounds[probe.rounds.length - 1].working).toEqual(['new']);
    return result;
  }

  /**
   * No generated secret (at least `minimum` were seen) in cdk.tf.json, in any output or as a non-sensitive
   * value of show -json; the admin secret nowhere; the synthesized provider names only its variable.
   */
  async expectSecretsHidden(minimum: number, adminSecret: string, adminVariable: RegExp): Promise<void> {
    expect(this.secrets.size).toBeGreaterThanOrEqual(minimum);
    for (const secret of this.stateSecrets()) expect(this.secrets.has(secret)).toBe(true);
    expect(await this.leaks(this.secrets)).toEqual([]);
    expect(await this.appearances(adminSecret)).toEqual([]);
    expect(this.project.tfJsonText()).toMatch(adminVariable);
  }

  show(): Promise<ShowJson> {
    return this.project.showJson();
  }

  /** The log as one line (see flatLog). */
  flat(result: RunResult): string {
    return flatLog(result.log, this.options.stackName);
  }

  /** Write calls that reached the server so far. */
  writes(): ProxyRecord[] {
    const isWrite = this.options.isWrite ?? writesAreNotGets;
    return this.proxy.writes().filter((r) => isWrite(r.method, r.url));
  }

  /**
   * The managed resources in the state file, of one type when given (current objects only, not deposed
   * ones), read as JSON: as good as `show -json` for values, and it starts no engine and no provider.
   */
  resources(type?: string): ShowResource[] {
    const text = this.project.stateText();
    if (!text) return [];
    const state = JSON.parse(text) as { resources?: StateResource[] };
    return (state.resources ?? [])
      .filter((r) => r.mode === 'managed' && (!type || r.type === type))
      .flatMap((r) => r.instances.filter((i) => !i.deposed).map((i) => ({ address: `${r.type}.${r.name}`, type: r.type, name: r.name, values: i.attributes })));
  }

  private get secretAttributes(): RegExp {
    return this.options.secretAttributes ?? /secret_access_key$/;
  }

  /** The generated secrets (top-level secret attributes) in the state now. */
  stateSecrets(): string[] {
    return this.resources()
      .flatMap((r) => Object.entries(r.values).filter(([k]) => this.secretAttributes.test(k)).map(([, v]) => v))
      .filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  /** Remembers every secret in the state file (read as JSON: cheaper than show -json after each deploy). */
  harvestSecrets(): void {
    const text = this.project.stateText();
    if (!text) return;
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (this.secretAttributes.test(k) && typeof v === 'string' && v) this.secrets.add(v);
          else walk(v);
        }
      }
    };
    walk(JSON.parse(text));
  }

  /**
   * Where any of `secrets` shows: in cdk.tf.json, in a log of any command run so far, or as a value that
   * `show -json` does not mark sensitive. An empty list means nowhere.
   */
  async leaks(secrets: Iterable<string>): Promise<string[]> {
    const visible = nonSensitiveStrings(await this.show());
    const synthesized = this.project.tfJsonText();
    const found: string[] = [];
    for (const secret of secrets) {
      const label = `a secret of ${secret.length} characters starting ${secret.slice(0, 3)}`;
      if (synthesized.includes(secret)) found.push(`${label} in cdk.tf.json`);
      if (this.project.logs.some((log) => log.includes(secret))) found.push(`${label} in a command's output`);
      if (visible.some((v) => v.includes(secret))) found.push(`${label} in a non-sensitive value of show -json`);
    }
    return found;
  }

  /** Where `secret` shows at all: cdk.tf.json, any log, the whole show -json document, the state file. */
  async appearances(secret: string): Promise<string[]> {
    const places: Array<[string, string]> = [
      ['cdk.tf.json', this.project.tfJsonText()],
      ['show -json', JSON.stringify(await this.show())],
      ['the state file', this.project.stateText()],
      ...this.project.logs.map((log, i): [string, string] => [`the output of command ${i + 1}`, log]),
    ];
    return places.filter(([, text]) => text.includes(secret)).map(([where]) => where);
  }

  private async withFault<T>(fault: FaultMode, work: () => Promise<T>): Promise<T> {
    this.fault = fault;
    try {
      return await work();
    } finally {
      this.fault = { kind: 'none' };
    }
  }

  private decide(req: IncomingMessage): Fault {
    const mode = this.fault;
    const write = (this.options.isWrite ?? writesAreNotGets)(req.method ?? '', req.url ?? '');
    switch (mode.kind) {
      case 'none':
        return 'pass';
      case 'outage':
        return '503';
      case 'short-outage':
        if (!write || mode.writes <= 0) return 'pass';
        mode.writes--;
        return '503';
      case 'stop-after-first-write':
        if (mode.stopped) return 'reset';
        if (!write) return 'pass';
        mode.stopped = true;
        return mode.loseAnswer ? 'lost-answer' : 'pass';
    }
  }
}

/** Throws with the end of the log unless the command succeeded. */
export function expectSuccess(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${CdktfProject.tail(result, 60)}`);
}

/**
 * Runs one phase for every engine at once (two engines keep two cores busy) and fails naming each engine
 * that failed, with its error.
 */
export async function onEachEngine<C extends { run: E2eRun }>(contexts: readonly C[], work: (context: C) => Promise<void>): Promise<void> {
  const outcomes = await Promise.allSettled(
    contexts.map((c) =>
      work(c).catch((e) => {
        c.run.failed = true;
        throw e;
      }),
    ),
  );
  const failures = outcomes.flatMap((o, i) => {
    if (o.status === 'fulfilled') return [];
    const e = o.reason as Error;
    const where = (e?.stack ?? '').split('\n').filter((l) => l.includes('test/e2e/')).slice(0, 3).join('\n');
    return [`── on ${contexts[i].run.engine.name}: ${e?.message ?? String(e)}\n${where}`];
  });
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

export type { RunResult };

/** The plan lines of a key rotation that makes the new key before the old one goes. */
export function expectCreateBeforeDestroy(log: string, type: string, construct: string): void {
  expect(log).toMatch(planLine(type, construct, 'must be replaced'));
  expect(log).toMatch(/\+\/- create replacement and then destroy/);
  expect(log).toMatch(/~ rotation += 1 -> 2 # forces replacement/);
}

/**
 * A plan's heading line of one resource, as the engines print it and as cdktf relays it (cdktf adds the
 * construct path after the address: `# s3admin_rgw_user.Owner_3BA7C727 (Owner/Resource) will be created`).
 */
export function planLine(type: string, construct: string, action: string): RegExp {
  return new RegExp(`# ${type}\\.${construct}_[0-9A-F]+(?: \\([^)]*\\))? ${action.replace(/[()]/g, '\\$&')}`);
}
