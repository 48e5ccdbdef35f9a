import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';

export interface RunResult {
  readonly code: number;
  /** stdout and stderr together, without terminal colours */
  readonly log: string;
  readonly seconds: number;
}

/**
 * A throw-away cdktf project around one example stack, deployed with the real `cdktf` CLI and OpenTofu, as a
 * user would: `cdktf deploy` runs the app, synthesizes, then `tofu init` and `tofu apply`. The stack's props
 * come from props.json, so a test changes a property and deploys again.
 */
export class CdktfProject {
  readonly dir: string;

  constructor(stackModule: string, stackClass: string, readonly stackName: string, private readonly env: NodeJS.ProcessEnv) {
    const root = repoRoot();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${stackName}-`));
    fs.writeFileSync(path.join(this.dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node app.js', sendCrashReports: 'false', terraformProviders: [] }));
    fs.writeFileSync(
      path.join(this.dir, 'app.js'),
      [
        `const { App } = require(${JSON.stringify(path.join(root, 'node_modules', 'cdktf'))});`,
        `const { ${stackClass} } = require(${JSON.stringify(path.join(root, 'dist', 'stacks', stackModule))});`,
        `const props = JSON.parse(require('fs').readFileSync('props.json', 'utf8'));`,
        'const app = new App();',
        `new ${stackClass}(app, ${JSON.stringify(stackName)}, props);`,
        'app.synth();',
      ].join('\n'),
    );
  }

  get stackDir(): string {
    return path.join(this.dir, 'cdktf.out', 'stacks', this.stackName);
  }

  deploy(props: object): Promise<RunResult> {
    fs.writeFileSync(path.join(this.dir, 'props.json'), JSON.stringify(props));
    return this.cdktf(['deploy', this.stackName, '--auto-approve']);
  }

  destroy(): Promise<RunResult> {
    return this.cdktf(['destroy', this.stackName, '--auto-approve']);
  }

  /** `tofu plan -detailed-exitcode` in the synthesized stack: 0 means nothing to do, 2 means changes. */
  plan(): Promise<RunResult> {
    return run('tofu', ['plan', '-detailed-exitcode', '-no-color', '-input=false'], this.stackDir, this.engineEnv());
  }

  async showJson(): Promise<any> {
    const result = await run('tofu', ['show', '-json', '-no-color'], this.stackDir, this.engineEnv());
    return JSON.parse(result.log.slice(result.log.indexOf('{')));
  }

  tfJsonText(): string {
    return fs.readFileSync(path.join(this.stackDir, 'cdk.tf.json'), 'utf8');
  }

  private cdktf(args: string[]): Promise<RunResult> {
    return run(path.join(repoRoot(), 'node_modules', '.bin', 'cdktf'), args, this.dir, this.engineEnv());
  }

  private engineEnv(): NodeJS.ProcessEnv {
    return engineEnv(this.env);
  }
}

/** `env` with the OpenTofu that test/e2e/setup-engine.sh built first on PATH, offline, as cdktf's engine. */
export function engineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const cache = path.join(repoRoot(), '.cache');
  return {
    ...env,
    PATH: `${path.join(cache, 'go-bin')}:${env.PATH}`,
    TERRAFORM_BINARY_NAME: 'tofu',
    TF_CLI_CONFIG_FILE: path.join(cache, 'e2e', 'tofurc'),
    CHECKPOINT_DISABLE: '1',
    CI: '1',
  };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('close', (code) => resolve({ code: code ?? 1, log: log.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), seconds: (Date.now() - started) / 1000 }));
  });
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
