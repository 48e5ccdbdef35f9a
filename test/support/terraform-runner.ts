import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { TfJson } from './synth';

/**
 * Plays Terraform's part for the custom resources of a synthesized stack: it diffs two versions of
 * `cdk.tf.json` the way Terraform plans `terraform_data` (a changed `triggers_replace`, or one that depends
 * on a value only known after apply, replaces; a new resource is created, a vanished one destroyed;
 * `create_before_destroy` (whose deposed object gets no destroy-time provisioner) and
 * `replace_triggered_by` are honoured), then runs the provisioner commands from
 * the JSON in the stack directory with their environment resolved as Terraform resolves it. A terraform_data
 * whose input draws `uuid()` gets a fresh random value of the same shape when it is created.
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

interface Instance {
  /** triggers_replace as planned at creation */
  readonly triggers: unknown;
  /** input as resolved at creation: what `self.input` gives the destroy-time provisioner */
  readonly input: Record<string, string>;
  /** output, for values drawn at creation */
  readonly output: Record<string, string>;
}

const SELF_REF = /\$\{self\.input\.(\w+)\}/g;
const OUTPUT_REF = /\$\{(?:nonsensitive\()?terraform_data\.([\w-]+)\.(?:output|triggers_replace)\.(\w+)\)?\}/g;
const DATA_REF = /\$\{data\.external\.([\w-]+)\.result\["(\w+)"\]\}/g;
const UNKNOWN = '(known after apply)';

export class TerraformRunner {
  private state: TfJson | undefined;
  private readonly instances = new Map<string, Instance>();
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
    const replaced = this.planReplacements(wanted, oldByAddress, next);
    const destroyOld = old.filter((r) => !newByAddress.has(r.address) || replaced.has(r.address));
    const createNew = wanted.filter((r) => !oldByAddress.has(r.address) || replaced.has(r.address));
    const cbd = (r: Resource) => Boolean(r.body.lifecycle?.create_before_destroy);

    // destroy in reverse dependency order; create-before-destroy replacements wait until their successor exists
    for (const r of this.order(destroyOld, this.state).reverse().filter((x) => !(replaced.has(x.address) && cbd(x)))) {
      await this.run(r, 'destroy', this.state!);
      this.instances.delete(r.address);
    }
    for (const r of this.order(createNew, next)) {
      // the object a create-before-destroy replacement deposes is dropped without its destroy-time
      // provisioner: Terraform and OpenTofu run none for deposed objects
      await this.run(r, 'create', next!);
    }
    // in-place updates: the new input is stored, without running any provisioner
    for (const r of wanted.filter((x) => oldByAddress.has(x.address) && !replaced.has(x.address) && !readsData(x.body.input))) {
      this.instances.set(r.address, { ...this.instances.get(r.address)!, input: this.planInput(r) });
    }
    this.state = next;
    return this.executed.slice(before);
  }

  /** Runs every create-time command of the applied state again, as an apply after a lost or tainted state would. */
  async replay(stackDir: string): Promise<ExecutedCommand[]> {
    const before = this.executed.length;
    this.stackDir = stackDir;
    for (const r of this.order(this.resources(this.state), this.state)) {
      await this.readData(r, this.state!);
      await this.runProvisioners(r, 'create', this.instances.get(r.address)!);
    }
    return this.executed.slice(before);
  }

  /** The value a terraform_data drew at creation (`output.value`), such as a generated key id or secret. */
  drawn(addressPrefix: string): string {
    const address = [...this.instances.keys()].find((a) => new RegExp(`^${addressPrefix}_[0-9A-F]{8}$`).test(a));
    if (!address) throw new Error(`no resource ${addressPrefix}* in the applied state`);
    return this.instances.get(address)!.output.value;
  }

  /** Which existing resources must be replaced: changed triggers, triggers known only after apply, replace_triggered_by. */
  private planReplacements(wanted: Resource[], oldByAddress: Map<string, Resource>, next: TfJson | undefined): Set<string> {
    const replaced = new Set<string>();
    // an input change updates in place, which still fires replace_triggered_by
    // (an input fed by a data source changes only with its triggers, which replace the resource anyway)
    const updated = wanted
      .filter((r) => oldByAddress.has(r.address) && !readsData(r.body.input) && !isDeepStrictEqual(this.instances.get(r.address)?.input, this.planInput(r)))
      .map((r) => r.address);
    const changing = () => new Set([...replaced, ...updated, ...wanted.filter((r) => !oldByAddress.has(r.address)).map((r) => r.address)]);
    for (let grew = true; grew; ) {
      grew = false;
      const moving = changing();
      const deferredData = Object.entries<Record<string, any>>(next?.data?.external ?? {})
        .filter(([, d]) => (d.depends_on ?? []).some((dep: string) => moving.has(dep.replace(/^terraform_data\./, ''))))
        .map(([name]) => name);
      for (const r of wanted) {
        if (!oldByAddress.has(r.address) || replaced.has(r.address)) continue;
        const triggersText = JSON.stringify(r.body.triggers_replace ?? null);
        const unknown =
          [...triggersText.matchAll(OUTPUT_REF)].some((m) => moving.has(m[1])) || deferredData.some((name) => triggersText.includes(`data.external.${name}.`));
        const retriggered = (r.body.lifecycle?.replace_triggered_by ?? []).some((t: string) => moving.has(t.replace(/^terraform_data\./, '')));
        const ignored = (r.body.lifecycle?.ignore_changes ?? []).includes('triggers_replace');
        const changed = !ignored && !isDeepStrictEqual(this.instances.get(r.address)?.triggers, this.planTriggers(r));
        if ((unknown && !ignored) || retriggered || changed) {
          replaced.add(r.address);
          grew = true;
        }
      }
    }
    return replaced;
  }

  private resources(json: TfJson | undefined): Resource[] {
    return Object.entries(json?.resource?.terraform_data ?? {}).map(([name, body]) => ({ address: name, body }));
  }

  /** Topological order by depends_on and by references to other resources and data sources. */
  private order(resources: Resource[], json: TfJson | undefined): Resource[] {
    const all = new Map(this.resources(json).map((r) => [r.address, r]));
    const wanted = new Set(resources.map((r) => r.address));
    const done = new Set<string>();
    const out: Resource[] = [];
    const dependencies = (body: Record<string, any>): string[] => {
      const text = JSON.stringify({ ...body, provisioner: (body.provisioner ?? []).filter((p: any) => p['local-exec'].when !== 'destroy') });
      const direct = [...text.matchAll(/terraform_data\.([\w-]+)/g)].map((m) => m[1]);
      const viaData = [...text.matchAll(/data\.external\.([\w-]+)/g)].flatMap((m) => dependencies(json?.data?.external?.[m[1]] ?? {}));
      return [...direct, ...viaData];
    };
    const visit = (address: string) => {
      if (done.has(address)) return;
      done.add(address);
      for (const dep of dependencies(all.get(address)?.body ?? {})) if (all.has(dep) && dep !== address) visit(dep);
      if (wanted.has(address)) out.push(all.get(address)!);
    };
    for (const r of resources) visit(r.address);
    return out;
  }

  private async run(r: Resource, when: 'create' | 'destroy', json: TfJson): Promise<void> {
    if (when === 'create') {
      await this.readData(r, json);
      // stored as resolved now: a destroy-time provisioner later sees these values, whatever the data says then
      const input = Object.fromEntries(Object.entries(this.planInput(r)).map(([k, v]) => [k, typeof v === 'string' ? this.resolve(v) : v]));
      const triggers = drawsOnCreate(r) ? draw(r.body.triggers_replace) : this.planTriggers(r);
      const created: Instance = { triggers, input, output: drawsOnCreate(r) ? (triggers as Record<string, string>) : input };
      this.instances.set(r.address, created);
      await this.runProvisioners(r, when, created);
    } else {
      await this.runProvisioners(r, when, this.instances.get(r.address)!);
    }
  }

  private async runProvisioners(r: Resource, when: 'create' | 'destroy', instance: Instance): Promise<void> {
    const provisioners = (r.body.provisioner ?? []).map((p: Record<string, any>) => p['local-exec']);
    for (const p of provisioners.filter((p: Record<string, any>) => (p.when ?? 'create') === when)) {
      const environment = Object.fromEntries(
        Object.entries<string>(p.environment ?? {}).map(([k, v]) => [k, this.resolve(v.replace(SELF_REF, (_m, key: string) => instance.input[key]))]),
      );
      const result = await exec(p.command, this.stackDir, { ...this.env, ...environment });
      this.executed.push({ address: r.address, command: p.command, code: result.code, stderr: result.stderr });
      if (result.code !== 0) {
        throw Object.assign(new Error(`${when} of ${r.address} failed (exit ${result.code}):\n${result.stderr}`), result);
      }
    }
  }

  private planInput(r: Resource): Record<string, string> {
    return this.fillKnown(r.body.input ?? {});
  }

  /** Triggers with known references filled in, as the plan records them. */
  private planTriggers(r: Resource): unknown {
    return this.fillKnown(r.body.triggers_replace ?? null);
  }

  /** A planned value: references to values already drawn are filled in, the others are known after apply. */
  private fillKnown<T>(value: T): T {
    return JSON.parse(JSON.stringify(value).replace(OUTPUT_REF, (_m, name: string, key: string) => this.instances.get(name)?.output[key] ?? UNKNOWN));
  }

  private resolve(value: string): string {
    return value
      .replace(DATA_REF, (_m, name: string, key: string) => this.dataResults.get(name)![key])
      .replace(OUTPUT_REF, (_m, name: string, key: string) => this.instances.get(name)!.output[key]);
  }

  /**
   * Runs the programs of the external data sources a resource refers to, with their query on stdin, as the
   * external provider does (asynchronously: the server under test may live in this very process).
   */
  private async readData(r: Resource, json: TfJson): Promise<void> {
    const names = [...JSON.stringify(r.body).matchAll(/data\.external\.([\w-]+)\.result/g)].map((m) => m[1]);
    for (const name of new Set(names)) {
      if (this.dataResults.has(name)) continue;
      const body = json.data!.external[name];
      const result = await exec(body.program.join(' '), this.stackDir, this.env, JSON.stringify(body.query));
      if (result.code !== 0) throw new Error(`data source ${name} failed (exit ${result.code}):\n${result.stderr}`);
      this.dataResults.set(name, JSON.parse(result.stdout));
    }
  }
}

function readsData(value: unknown): boolean {
  return /data\.external\./.test(JSON.stringify(value ?? {}));
}

function drawsOnCreate(r: Resource): boolean {
  return /uuid\(\)/.test(JSON.stringify(r.body.triggers_replace ?? {}));
}

/** What the `uuid()`-based expressions evaluate to: upper-case hex of the `substr` length for ids, 64 hex for secrets. */
function draw(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([k, expression]) => {
      const length = /substr\(.*, 0, (\d+)\)/.exec(expression)?.[1];
      return [k, length ? randomBytes(Number(length)).toString('hex').toUpperCase().slice(0, Number(length)) : randomBytes(32).toString('hex')];
    }),
  );
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
