import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { run, RunResult } from '../e2e/cdktf-project';
import { BUILDS, Toolkit } from './toolkits';

const ROOT = repoRoot();

/** OpenTofu as test/e2e/setup-engine.sh builds it. */
export const TOFU_BINARY = path.join(ROOT, '.cache', 'go-bin', 'tofu');

export function expectOk(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.log.split('\n').slice(-60).join('\n')}`);
}

/** The Node 22 bin directory for the cdktn CLI (test/cdktn/setup-node.sh: installed once into .cache/node22 when needed). */
export function node22(): string {
  return execFileSync('bash', [path.join(ROOT, 'test', 'cdktn', 'setup-node.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/**
 * A throw-away project around stacks/rgw-example.ts, deployed by either toolkit's CLI on OpenTofu: `cdktf`
 * with cdktf-s3-admin (the repository's build), or `cdktn` with cdktn-s3-admin (dist/cdktn-s3-admin), as a
 * user of each package would. The cdktn CLI runs on Node 22 (test/cdktn/setup-node.sh): cdktn-cli 0.24 does
 * not start on Node 20. A `terraform` first on PATH records every call and hands it to OpenTofu, so a CLI
 * that ignored TERRAFORM_BINARY_NAME would still deploy with OpenTofu (not the Terraform in /usr/local/bin)
 * and the record says so.
 */
export class ToolkitProject {
  readonly dir: string;
  readonly shimLog: string;
  readonly logs: string[] = [];
  private toolkit: Toolkit = 'cdktf';

  constructor(
    readonly stackName: string,
    private readonly node22: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${stackName}-`));
    this.shimLog = path.join(this.dir, 'terraform-shim.log');
    fs.mkdirSync(path.join(this.dir, 'home'));
    fs.mkdirSync(path.join(this.dir, 'shim'));
    fs.writeFileSync(path.join(this.dir, 'shim', 'terraform'), `#!/bin/sh\necho "terraform $*" >>'${this.shimLog}'\nexec '${TOFU_BINARY}' "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(this.dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', sendCrashReports: 'false', terraformProviders: [] }));
  }

  /** (Re)writes app.js: the stack from `toolkit`'s build of the library, in that toolkit's App. */
  use(toolkit: Toolkit): void {
    this.toolkit = toolkit;
    const build = BUILDS[toolkit];
    const stacks = toolkit === 'cdktf' ? path.join(ROOT, 'dist', 'stacks') : path.join(build.packageDir, 'dist', 'stacks');
    fs.writeFileSync(
      path.join(this.dir, 'app.js'),
      [
        `const { App } = require(${JSON.stringify(path.join(ROOT, 'node_modules', build.core))});`,
        `const { RgwExampleStack } = require(${JSON.stringify(path.join(stacks, 'rgw-example'))});`,
        `const props = JSON.parse(require('fs').readFileSync('props.json', 'utf8'));`,
        'const app = new App();',
        `new RgwExampleStack(app, ${JSON.stringify(this.stackName)}, props);`,
        'app.synth();',
      ].join('\n'),
    );
  }

  /**
   * What the CLI and the engine run with: OpenTofu named in TERRAFORM_BINARY_NAME and on PATH behind the
   * `terraform` shim (and Node 22 for cdktn), no CLI configuration (a file that does not exist), an empty HOME,
   * no version check; inherited TF_ and TOFU_ variables dropped.
   */
  get env(): NodeJS.ProcessEnv {
    const kept = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TF|TOFU)_/.test(k)));
    const node = this.toolkit === 'cdktn' ? `${this.node22}:` : '';
    return {
      ...kept,
      HOME: path.join(this.dir, 'home'),
      PATH: `${path.join(this.dir, 'shim')}:${node}${path.dirname(TOFU_BINARY)}:${process.env.PATH}`,
      TERRAFORM_BINARY_NAME: 'tofu',
      TF_CLI_CONFIG_FILE: path.join(this.dir, 'no-cli-config.tfrc'),
      CHECKPOINT_DISABLE: '1',
      CI: '1',
    };
  }

  /** The toolkit's own CLI (`cdktf` or `cdktn`) with `args`, in the project; `env` is the environment. */
  async cli(args: string[], props?: object, env = this.env): Promise<RunResult> {
    if (props) fs.writeFileSync(path.join(this.dir, 'props.json'), JSON.stringify(props));
    const bin = path.join(ROOT, 'node_modules', '.bin', this.toolkit);
    const result = this.toolkit === 'cdktn' ? await run(path.join(this.node22, 'node'), [bin, ...args], this.dir, env) : await run(bin, args, this.dir, env);
    return this.keep(`${this.toolkit} ${args[0]}`, result);
  }

  /** OpenTofu itself, in the synthesized stack's folder. */
  async tofu(args: string[]): Promise<RunResult> {
    return this.keep(`tofu ${args[0]}`, await run(TOFU_BINARY, args, this.stackDir, this.env));
  }

  get stackDir(): string {
    return path.join(this.dir, 'cdktf.out', 'stacks', this.stackName);
  }

  tfJson(): any {
    return JSON.parse(fs.readFileSync(path.join(this.stackDir, 'cdk.tf.json'), 'utf8'));
  }

  state(): { terraform_version: string; resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, any> }> }> } {
    return JSON.parse(fs.readFileSync(path.join(this.dir, `terraform.${this.stackName}.tfstate`), 'utf8'));
  }

  /** What went through the `terraform` shim (a CLI that ignored TERRAFORM_BINARY_NAME); `clear` empties the record. */
  shimCalls(clear = false): string[] {
    const calls = fs.existsSync(this.shimLog) ? fs.readFileSync(this.shimLog, 'utf8').split('\n').filter(Boolean) : [];
    if (clear) fs.rmSync(this.shimLog, { force: true });
    return calls;
  }

  /**
   * A log as one line, for regular expressions: the engines wrap their messages inside box-drawing margins
   * to the terminal's width, and the CLIs put the stack's name before the lines they relay.
   */
  flat(result: RunResult): string {
    const name = new RegExp(`^\\s*${this.stackName.replace(/[-.]/g, '\\$&')}\\s{2}`);
    return result.log
      .split('\n')
      .map((line) => line.replace(name, '').replace(/^[\s│╷╵]+/, ''))
      .join(' ')
      .replace(/\s+/g, ' ');
  }

  /** Keeps the log in logs/ of the project for a look after a failure. */
  private keep(what: string, result: RunResult): RunResult {
    this.logs.push(result.log);
    fs.mkdirSync(path.join(this.dir, 'logs'), { recursive: true });
    fs.writeFileSync(path.join(this.dir, 'logs', `${String(this.logs.length).padStart(2, '0')} ${what} (exit ${result.code}).log`), result.log);
    return result;
  }
}

