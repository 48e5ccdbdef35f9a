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
const DATA_REF = /\$\{data\.external\.([^.]+)\.result\["(\w+)"\]\}/g;

export class TerraformRunner {
  /** Made-up random results by address and keepers, stable across applies like the random provider's state. */
  private readonly randoms = new Map<string, string>();
  private state: TfJson | undefined;
  /** Each resource's triggers as planned when it was created (randoms resolved, data sources as written). */
  private readonly plannedTriggers = new Map<string, unknown>();
  /** Each resource's input as resolved when it was created: what its destroy-time provisioner sees. */
  private readonly storedInput = new Map<string, Record<string, string>>();
  /** Data source results of the current apply (Terraform reads each once per run). */
  private dataResults = new Map<string, Record<string, string>>();
  private stackDir = '';
  readonly executed: ExecutedCommand[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Applies `next` over the current state; `next` undefined destroys everything. Throws on the first failure. */
  async apply(stackDir: string, next: TfJson | undefined): Promise<ExecutedCommand[]> {
    const before = this.executed.length;
    this.stackDir = stackDir;
    this.dataResults = new Map();
    const old = this.resources(this.state);
    const wanted = this.resources(next);
    const oldByAddress = new Map(old.map((r) => [r.address, r]));
    const newByAddress = new Map(wanted.map((r) => [r.address, r]));
    const replaced = new Set<string>();
    for (const r of wanted) {
      const prior = oldByAddress.get(r.address);
      if (prior && !isDeepStrictEqual(this.plannedTriggers.get(r.address), this.planTriggers(r, next!))) replaced.add(r.address);
    }
    // a data source whose dependencies change is read during apply: anything keyed on it is "known after
    // apply", which Terraform plans as a replacement
    const changing = new Set([...replaced, ...wanted.filter((r) => !oldByAddress.has(r.address)).map((r) => r.address)]);
    const deferred = Object.entries<Record<string, any>>(next?.data?.external ?? {})
      .filter(([, d]) => (d.depends_on ?? []).some((dep: string) => changing.has(dep.replace(/^terraform_data\./, ''))))
      .map(([name]) => name);
    for (const r of wanted) {
      if (oldByAddress.has(r.address) && deferred.some((name) => JSON.stringify(r.body.triggers_replace ?? {}).includes(`data.external.${name}.`))) replaced.add(r.address);
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
      const predecessorInput = this.storedInput.get(r.address);
      await this.run(stackDir, r, 'create', next!);
      if (replaced.has(r.address) && cbd(r)) await this.run(stackDir, oldByAddress.get(r.address)!, 'destroy', this.state!, predecessorInput);
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

  /**
   * Runs the programs of the external data sources a resource refers to, with their query on stdin, as the
   * external provider does (asynchronously: the server under test may live in this very process).
   */
  private async readData(r: Resource, json: TfJson): Promise<void> {
    const names = [...JSON.stringify(r.body).matchAll(/data\.external\.([^.]+)\.result/g)].map((m) => m[1]);
    for (const name of new Set(names)) {
      if (this.dataResults.has(name)) continue;
      const body = json.data!.external[name];
      const result = await exec(body.program.join(' '), this.stackDir, this.env, JSON.stringify(body.query));
      if (result.code !== 0) throw new Error(`data source ${name} failed (exit ${result.code}):\n${result.stderr}`);
      this.dataResults.set(name, JSON.parse(result.stdout));
    }
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

  private async run(stackDir: string, r: Resource, when: 'create' | 'destroy', json: TfJson, input?: Record<string, string>): Promise<void> {
    if (when === 'create') {
      await this.readData(r, json);
      this.plannedTriggers.set(r.address, this.planTriggers(r, json));
      this.storedInput.set(r.address, Object.fromEntries(Object.entries<string>(r.body.input ?? {}).map(([k, v]) => [k, this.resolveString(v, json)])));
    }
    const provisioners = (r.body.provisioner ?? []).map((p: Record<string, any>) => p['local-exec']);
    for (const p of provisioners.filter((p: Record<string, any>) => (p.when ?? 'create') === when)) {
      const environment = Object.fromEntries(
        Object.entries<string>(p.environment ?? {}).map(([k, v]) => [k, this.resolveString(v, json, input ?? this.storedInput.get(r.address))]),
      );
      const result = await exec(p.command, stackDir, { ...this.env, ...environment });
      this.executed.push({ address: r.address, command: p.command, code: result.code, stderr: result.stderr });
      if (result.code !== 0) {
        throw Object.assign(new Error(`${when} of ${r.address} failed (exit ${result.code}):\n${result.stderr}`), result);
      }
    }
  }

  /** Triggers with random results filled in and data source references left as written. */
  private planTriggers(r: Resource, json: TfJson): unknown {
    return JSON.parse(JSON.stringify(r.body.triggers_replace ?? null).replace(REF, (m) => this.resolveString(m, json)));
  }

  private resolveString(value: string, json: TfJson, self?: Record<string, string>): string {
    return value.replace(DATA_REF, (_m, name: string, key: string) => this.dataResults.get(name)![key]).replace(REF, (_m, type: string, path: string) => {
      if (type === 'self') {
        const [, key] = path.split('.');
        return self![key];
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

function exec(command: string, cwd: string, env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
