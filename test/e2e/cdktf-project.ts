import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';

/** A Terraform engine that `cdktf deploy` drives: the CLI's binary name (TERRAFORM_BINARY_NAME) and where it is. */
export interface Engine {
  readonly name: 'tofu' | 'terraform';
  readonly binary: string;
  /** Short tag for names on the shared servers (uids, buckets, tenant prefixes). */
  readonly tag: string;
}

export const TOFU: Engine = { name: 'tofu', binary: path.join(repoRoot(), '.cache', 'go-bin', 'tofu'), tag: 'tofu' };
export const TERRAFORM: Engine = { name: 'terraform', binary: '/usr/local/bin/terraform', tag: 'tf' };
/** Both engines every end-to-end suite runs on: OpenTofu built by setup-engine.sh, and Terraform 1.11. */
export const ENGINES: readonly Engine[] = [TOFU, TERRAFORM];

/** A CLI configuration file that does not exist, so that the engine uses its defaults (and the implied local mirrors). */
export const NO_CLI_CONFIG = path.join(os.tmpdir(), 'cdktf-s3-admin-e2e-no-cli-config', 'none.tfrc');

export interface EngineOptions {
  /** TF_CLI_CONFIG_FILE. @default NO_CLI_CONFIG */
  readonly cliConfigFile?: string;
  /** HOME of the engine and cdktf, so that nothing in the developer's home (~/.terraform.d/plugins) is found. */
  readonly home?: string;
}

/**
 * `env` set up to run `engine` the way the suites do: the engine first on PATH and named to cdktf, no CLI
 * configuration (a path that does not exist), no version check. Inherited TF_ and TOFU_ variables are dropped,
 * so that a developer's plugin cache or CLI arguments cannot help or hinder.
 */
export function engineEnv(env: NodeJS.ProcessEnv, engine?: Engine, options: EngineOptions = {}): NodeJS.ProcessEnv {
  if (fs.existsSync(NO_CLI_CONFIG)) throw new Error(`${NO_CLI_CONFIG} must not exist: the suites run without a CLI configuration`);
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => !/^(TF|TOFU)_/.test(k)));
  // without an engine (suites that run OpenTofu on plain configurations and parse its output): an empty CLI
  // configuration, which means the same as none, without the warning about a missing file in that output
  const cliConfigFile = options.cliConfigFile ?? (engine ? NO_CLI_CONFIG : emptyCliConfig());
  engine ??= TOFU;
  return {
    ...kept,
    ...(options.home ? { HOME: options.home } : {}),
    PATH: `${path.dirname(engine.binary)}:${env.PATH}`,
    TERRAFORM_BINARY_NAME: engine.name,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    CI: '1',
  };
}

function emptyCliConfig(): string {
  const file = path.join(os.tmpdir(), 'cdktf-s3-admin-e2e-empty.tfrc');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  return file;
}

export interface RunResult {
  readonly code: number;
  /** stdout and stderr together as they came, without terminal colours */
  readonly log: string;
  readonly stdout: string;
  readonly seconds: number;
}

/** Runs a command in its own process group; after `timeoutMs` that group (and nothing else) is ended. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      log += d;
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => (log += d));
    const timer = setTimeout(() => {
      log += `\n[e2e] ${command} ${args.join(' ')} ran over ${timeoutMs / 1000} s: its process group is ended\n`;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (e) => (log += `\n[e2e] cannot run ${command}: ${e.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, log: stripColours(log), stdout: stripColours(stdout), seconds: (Date.now() - started) / 1000 });
    });
  });
}

export function stripColours(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

/**
 * A log as one line: the engines wrap diagnostics to the terminal's width inside box-drawing margins, and
 * cdktf puts the stack's name before the lines it relays; regular expressions match this text.
 */
export function flatLog(log: string, stackName: string): string {
  return log
    .split('\n')
    .map((line) => line.replace(new RegExp(`^\\s*${stackName.replace(/[-.]/g, '\\$&')}\\s{2}`), '').replace(/^[\s│╷╵]+/, ''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** Where a stack's app comes from: a package root (holding node_modules/cdktf and dist/) and a module in it. */
export interface StackApp {
  readonly packageRoot: string;
  /** Relative to the package root, such as dist/stacks/rgw-example */
  readonly module: string;
  readonly className: string;
  /** When set, the app gives the stack this local backend path (a state shared between pipeline jobs). */
  readonly statePath?: string;
}

/**
 * A throw-away cdktf project around one stack, deployed with the real `cdktf` CLI on one engine, as a user
 * would: `cdktf deploy` runs the app, synthesizes (writing the provider into the stack's implied local
 * mirror and its lock file), then runs the engine's `init` and `apply`. The stack's props come from
 * props.json, so a test changes a property and deploys again. Nothing is configured for the engine: no CLI
 * configuration, an empty HOME.
 */
export class CdktfProject {
  readonly dir: string;
  readonly home: string;
  /** Every log of every command, for the secret checks. */
  readonly logs: string[] = [];
  cliConfigFile?: string;

  constructor(readonly engine: Engine, readonly stackName: string, app: StackApp, private readonly env: NodeJS.ProcessEnv) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${stackName}-`));
    this.home = path.join(this.dir, 'home');
    fs.mkdirSync(this.home);
    fs.writeFileSync(path.join(this.dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', sendCrashReports: 'false', terraformProviders: [] }));
    this.useApp(app);
  }

  /** (Re)writes app.js: the next synth runs this app. */
  useApp(app: StackApp): void {
    fs.writeFileSync(
      path.join(this.dir, 'app.js'),
      [
        `const { App, LocalBackend } = require(${JSON.stringify(path.join(app.packageRoot, 'node_modules', 'cdktf'))});`,
        `const { ${app.className} } = require(${JSON.stringify(path.join(app.packageRoot, app.module))});`,
        `const props = JSON.parse(require('fs').readFileSync('props.json', 'utf8'));`,
        'const app = new App();',
        `const stack = new ${app.className}(app, ${JSON.stringify(this.stackName)}, props);`,
        app.statePath ? `new LocalBackend(stack, { path: ${JSON.stringify(app.statePath)} });` : '',
        'app.synth();',
      ].join('\n'),
    );
  }

  get stackDir(): string {
    return path.join(this.dir, 'cdktf.out', 'stacks', this.stackName);
  }

  get environment(): NodeJS.ProcessEnv {
    return engineEnv(this.env, this.engine, { cliConfigFile: this.cliConfigFile, home: this.home });
  }

  deploy(props: object): Promise<RunResult> {
    this.writeProps(props);
    return this.cdktf(['deploy', this.stackName, '--auto-approve']);
  }

  synth(props: object): Promise<RunResult> {
    this.writeProps(props);
    return this.cdktf(['synth']);
  }

  destroy(): Promise<RunResult> {
    return this.cdktf(['destroy', this.stackName, '--auto-approve']);
  }

  /** `plan -detailed-exitcode` in the synthesized stack: 0 means nothing to do, 2 means changes. */
  plan(): Promise<RunResult> {
    return this.tf(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
  }

  /** The engine itself, in the stack's directory. */
  async tf(args: string[], cwd = this.stackDir): Promise<RunResult> {
    return this.keep(`${this.engine.name} ${args[0]}`, await run(this.engine.binary, args, cwd, this.environment));
  }

  async showJson(): Promise<ShowJson> {
    const result = await run(this.engine.binary, ['show', '-json', '-no-color'], this.stackDir, this.environment);
    if (result.code !== 0) throw new Error(`${this.engine.name} show -json failed:\n${result.log}`);
    return JSON.parse(result.stdout);
  }

  tfJsonText(): string {
    return fs.readFileSync(path.join(this.stackDir, 'cdk.tf.json'), 'utf8');
  }

  lockFileText(): string {
    return fs.readFileSync(path.join(this.stackDir, '.terraform.lock.hcl'), 'utf8');
  }

  /** The local backend's state file (cdktf's default path), empty when there is none. */
  stateText(): string {
    const file = path.join(this.dir, `terraform.${this.stackName}.tfstate`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /** A short form of the last log lines, for failure messages. */
  static tail(result: RunResult, lines = 40): string {
    return result.log.split('\n').slice(-lines).join('\n');
  }

  private writeProps(props: object): void {
    fs.writeFileSync(path.join(this.dir, 'props.json'), JSON.stringify(props));
  }

  private async cdktf(args: string[]): Promise<RunResult> {
    return this.keep(`cdktf ${args[0]}`, await run(path.join(repoRoot(), 'node_modules', '.bin', 'cdktf'), args, this.dir, this.environment));
  }

  /** Remembers the log, and writes it into logs/ of the project directory for a look after a failure. */
  private keep(what: string, result: RunResult): RunResult {
    this.logs.push(result.log);
    const dir = path.join(this.dir, 'logs');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${String(this.logs.length).padStart(2, '0')} ${what} (exit ${result.code}).log`), result.log);
    return result;
  }
}

export interface ShowResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, any>;
  readonly sensitive_values?: Record<string, unknown>;
}

export interface ShowJson {
  readonly values?: { readonly root_module?: { readonly resources?: ShowResource[] }; readonly outputs?: Record<string, { value: unknown; sensitive: boolean }> };
}

/** The resources of a `show -json` document, of one type when given. */
export function resourcesOf(show: ShowJson, type?: string): ShowResource[] {
  return (show.values?.root_module?.resources ?? []).filter((r) => !type || r.type === type);
}

/** Every string that a `show -json` document holds outside what it marks sensitive. */
export function nonSensitiveStrings(show: any): string[] {
  const found: string[] = [];
  const walk = (value: unknown, sensitive: unknown) => {
    if (sensitive === true) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, Array.isArray(sensitive) ? sensitive[i] : undefined));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, (sensitive as Record<string, unknown> | undefined)?.[k]);
    else if (typeof value === 'string') found.push(value);
  };
  for (const r of show.values?.root_module?.resources ?? []) walk(r.values, r.sensitive_values);
  for (const o of Object.values<any>(show.values?.outputs ?? {})) if (!o.sensitive) walk(o.value, undefined);
  return found;
}

/**
 * The engines' versions, as `version -json` reports them; fails naming what is missing. OpenTofu is built
 * by test/e2e/setup-engine.sh; Terraform 1.11 is expected installed at /usr/local/bin/terraform.
 */
export async function engineVersions(engines: readonly Engine[] = ENGINES): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const engine of engines) {
    if (!fs.existsSync(engine.binary)) {
      throw new Error(`${engine.name} is not at ${engine.binary}: OpenTofu is built by test/e2e/setup-engine.sh, Terraform 1.11 is expected at /usr/local/bin/terraform`);
    }
    const result = await run(engine.binary, ['version', '-json'], os.tmpdir(), engineEnv(process.env, engine));
    versions[engine.name] = JSON.parse(result.stdout).terraform_version;
  }
  return versions;
}
