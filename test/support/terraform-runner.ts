import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { TfJson } from './synth';

/**
 * Plays Terraform's part for the custom resources of a synthesized stack: it diffs two versions of
 * `cdk.tf.json` the way Terraform plans `terraform_data` (a changed `triggers_replace` replaces, a changed
 * `input` updates in place without provisioners, a new resource is created, a vanished one destroyed), then
 * runs the provisioner commands from the JSON in the stack directory, with their environment resolved as
 * Terraform would resolve it. `random_*` results are made up here, as the random provider would.
 */
export interface ExecutedCommand {
  readonly address: string;
  readonly command: string;
  readonly code: number;
  readonly stderr: string;
}

interface Resource {
  readonly address: string;
  readonly body: Record<string, any>;
}

const REF = /\$\{(random_password|random_string|self)\.([^}]+)\}/g;

export class TerraformRunner {
  /** Made-up random results by address and keepers, stable across applies like the random provider's state. */
  private readonly randoms = new Map<string, string>();
  private state: TfJson | undefined;
  readonly executed: ExecutedCommand[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Applies `next` over the current state; `next` undefined destroys everything. Throws on the first failure. */
  async apply(stackDir: string, next: TfJson | undefined): Promise<ExecutedCommand[]> {
    const before = this.executed.length;
    const old = this.resources(this.state);
    const wanted = this.resources(next);
    const oldByAddress = new Map(old.map((r) => [r.address, r]));
    const newByAddress = new Map(wanted.map((r) => [r.address, r]));
    const replaced = new Set<string>();
    for (const r of wanted) {
      const prior = oldByAddress.get(r.address);
      if (prior && !isDeepStrictEqual(this.resolveDeep(prior.body.triggers_replace, this.state!), this.resolveDeep(r.body.triggers_replace, next!))) {
        replaced.add(r.address);
      }
    }
    // replace_triggered_by: a replaced object takes its dependants with it
    for (const r of wanted) {
      const triggers: string[] = r.body.lifecycle?.replace_triggered_by ?? [];
      if (triggers.some((t) => replaced.has(t.replace(/^\$\{terraform_data\.|\}$/g, '')))) replaced.add(r.address);
    }
    const destroyOld = old.filter((r) => !newByAddress.has(r.address) || replaced.has(r.address));
    const createNew = wanted.filter((r) => !oldByAddress.has(r.address) || replaced.has(r.address));
    const cbd = (r: Resource) => Boolean(r.body.lifecycle?.create_before_destroy);

    // destroy in reverse dependency order; create-before-destroy replacements wait until their successor exists
    for (const r of this.order(destroyOld, this.state).reverse().filter((x) => !(replaced.has(x.address) && cbd(x)))) {
      await this.run(stackDir, r, 'destroy', this.state!);
    }
    for (const r of this.order(createNew, next)) {
      await this.run(stackDir, r, 'create', next!);
      if (replaced.has(r.address) && cbd(r)) await this.run(stackDir, oldByAddress.get(r.address)!, 'destroy', this.state!);
    }
    this.state = next;
    return this.executed.slice(before);
  }

  /** Runs every create-time command of the applied state again, as an apply after a lost or tainted state would. */
  async replay(stackDir: string): Promise<ExecutedCommand[]> {
    const before = this.executed.length;
    for (const r of this.order(this.resources(this.state), this.state)) await this.run(stackDir, r, 'create', this.state!);
    return this.executed.slice(before);
  }

  /** The made-up value of a random resource's `result`, as an apply resolved it. */
  randomResult(state: TfJson, address: string): string {
    return this.resolveString(`\${${address}.result}`, state);
  }

  private resources(json: TfJson | undefined): Resource[] {
    return Object.entries(json?.resource?.terraform_data ?? {}).map(([name, body]) => ({ address: name, body }));
  }

  /** Topological order by depends_on among terraform_data resources. */
  private order(resources: Resource[], json: TfJson | undefined): Resource[] {
    const all = new Map(this.resources(json).map((r) => [r.address, r]));
    const wanted = new Set(resources.map((r) => r.address));
    const done = new Set<string>();
    const out: Resource[] = [];
    const visit = (address: string) => {
      if (done.has(address)) return;
      done.add(address);
      for (const dep of all.get(address)?.body.depends_on ?? []) {
        const name = String(dep).replace(/^terraform_data\./, '');
        if (all.has(name)) visit(name);
      }
      if (wanted.has(address)) out.push(all.get(address)!);
    };
    for (const r of resources) visit(r.address);
    return out;
  }

  private async run(stackDir: string, r: Resource, when: 'create' | 'destroy', json: TfJson): Promise<void> {
    const provisioners = (r.body.provisioner ?? []).map((p: Record<string, any>) => p['local-exec']);
    for (const p of provisioners.filter((p: Record<string, any>) => (p.when ?? 'create') === when)) {
      const environment = Object.fromEntries(
        Object.entries<string>(p.environment ?? {}).map(([k, v]) => [k, this.resolveString(v, json, r)]),
      );
      const result = await exec(p.command, stackDir, { ...this.env, ...environment });
      this.executed.push({ address: r.address, command: p.command, ...result });
      if (result.code !== 0) {
        throw Object.assign(new Error(`${when} of ${r.address} failed (exit ${result.code}):\n${result.stderr}`), result);
      }
    }
  }

  private resolveDeep(value: unknown, json: TfJson): unknown {
    return JSON.parse(this.resolveString(JSON.stringify(value ?? null), json));
  }

  private resolveString(value: string, json: TfJson, self?: Resource): string {
    return value.replace(REF, (_m, type: string, path: string) => {
      if (type === 'self') {
        // stored input was resolved when it was planned, references included
        const [, key] = path.split('.');
        return this.resolveString(self!.body.input[key], json);
      }
      const name = path.replace(/\.result$/, '');
      const body = json.resource?.[type]?.[name];
      const key = `${type}.${name}:${JSON.stringify(body?.keepers ?? {})}`;
      if (!this.randoms.has(key)) {
        const length = body?.length ?? 20;
        const raw = randomBytes(length * 2).toString('base64').replace(/[^A-Za-z0-9]/g, '');
        this.randoms.set(key, type === 'random_string' ? raw.toUpperCase().slice(0, length) : raw.slice(0, length));
      }
      return this.randoms.get(key)!;
    });
  }
}

function exec(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}
