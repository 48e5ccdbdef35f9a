import { operationFailed } from '../../../lib/provider/diagnostics';
import { EndpointConnection } from '../../../lib/provider/endpoint-connection';
import { configProblems, planChange, withDefaults } from '../../../lib/provider/plan';
import { containsUnknown, CtyObject, knownOnly, normalizeObject, sameValue } from '../../../lib/provider/protocol/cty-value';
import { ResourceContext, ResourceType } from '../../../lib/provider/resource-type';
import { ProviderConfig } from '../../../lib/schema/provider-config';
import { proposedNew } from './rgw-objects';

/** One provider configuration: its endpoint, and every line its operations logged (what TF_LOG would show). */
export interface Connection {
  readonly endpoint: EndpointConnection;
  readonly log: string[];
}

export function connect(config: ProviderConfig, env: NodeJS.ProcessEnv): Connection {
  const log: string[] = [];
  return { endpoint: new EndpointConnection(config, env, (m) => log.push(m)), log };
}

export interface Plan {
  readonly planned: CtyObject | null;
  readonly requiresReplace: string[];
  /** Attributes whose planned value differs from the prior state (every one on create). */
  readonly changed: string[];
}

export interface Applied extends Plan {
  /** The state after the apply (the refreshed prior one when nothing was to change). */
  readonly state: CtyObject | null;
  readonly replaced: boolean;
  /** The lines logged during this apply. */
  readonly log: string[];
}

export interface DriverOptions {
  /** The resource's lifecycle: a replacement creates the new object before it deletes the old one. */
  readonly createBeforeDestroy?: boolean;
  /** Called after each operation of an apply, to look at the server between the steps of a replacement. */
  readonly afterOperation?: (operation: 'create' | 'update' | 'delete') => Promise<void>;
}

/**
 * Plays the engine's part for one resource type against a real server, without an engine: config in the
 * shape cdk.tf.json holds it (snake_case), plans by the provider's rules, operations as ProviderRpcs runs them
 * (errors turned into the message the user would see), and Terraform's own checks of plan and result.
 */
export class ResourceDriver {
  constructor(readonly type: ResourceType, readonly connection: Connection, private readonly options: DriverOptions = {}) {}

  private get attributes() {
    return this.type.schema.attributes;
  }

  private get ctx(): ResourceContext {
    return { endpoint: this.connection.endpoint, log: (m) => this.connection.log.push(m) };
  }

  /** PlanResourceChange of `config` over `prior` (no refresh), after ValidateResourceConfig. */
  plan(prior: CtyObject | null, values: Record<string, unknown>): Plan {
    const config = normalizeObject(this.attributes, values)!;
    const problems = configProblems(this.type, config);
    if (problems.length) throw new Error(`invalid ${this.type.schema.typeName}: ${problems.map((p) => p.message).join('; ')}`);
    const { planned, requiresReplace } = planChange(this.type, prior, proposedNew(this.attributes, prior, config), config);
    for (const [name, attribute] of Object.entries(this.attributes)) {
      // Terraform refuses a plan that does not keep what the config sets
      if (config[name] !== null && !sameValue(attribute, config[name], planned![name])) throw new Error(`planned ${name} is not the configured value`);
    }
    const changed = Object.entries(this.attributes).filter(([name, a]) => prior === null || !sameValue(a, prior[name], planned![name]));
    return { planned, requiresReplace, changed: changed.map(([name]) => name) };
  }

  /** `terraform apply` of this one resource: refresh, plan, then create, update or replace (nothing when nothing changes). */
  async apply(prior: CtyObject | null, values: Record<string, unknown>): Promise<Applied> {
    const from = this.connection.log.length;
    const current = prior && (await this.read(prior));
    const plan = this.plan(current, values);
    const planned = knownOnly(plan.planned!);
    const replaced = current !== null && plan.requiresReplace.length > 0;
    let state = current;
    if (current === null) state = await this.create(planned);
    else if (replaced && this.options.createBeforeDestroy) {
      state = await this.create(planned);
      await this.destroy(current);
    } else if (replaced) {
      await this.destroy(current);
      state = await this.create(planned);
    } else if (plan.changed.length) state = this.normalized(await this.run('update', current, () => this.type.update(this.ctx, current as never, planned as never)));
    this.checkResult(plan.planned!, state!);
    return { ...plan, state, replaced, log: this.connection.log.slice(from) };
  }

  /** ReadResource: what the server has now, or null when the object is gone. */
  async read(state: CtyObject): Promise<CtyObject | null> {
    const read = await this.run('read', state, () => this.type.read(this.ctx, state as never));
    return read ? withDefaults(this.attributes, read as CtyObject) : null;
  }

  /** `terraform import`: ImportResourceState, then ReadResource of what it gave. */
  async import(id: string): Promise<CtyObject | null> {
    const imported = await this.run(`import (the id is ${this.type.schema.importId})`, { id }, () => this.type.importState(this.ctx, id));
    return this.read(this.normalized(imported));
  }

  async destroy(state: CtyObject): Promise<void> {
    await this.run('delete', state, () => this.type.delete(this.ctx, state as never));
  }

  private async create(planned: CtyObject): Promise<CtyObject> {
    return this.normalized(await this.run('create', planned, () => this.type.create(this.ctx, planned as never)));
  }

  private normalized(state: unknown): CtyObject {
    return normalizeObject(this.attributes, state)!;
  }

  /** One operation as ProviderRpcs runs it: a failure becomes the diagnostic the engine would show. */
  private async run<T>(operation: string, object: CtyObject, call: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await call();
    } catch (e) {
      const id = Object.values(object).find((v) => typeof v === 'string' && v !== '');
      const d = operationFailed(`${this.type.schema.typeName}${id ? ` "${id}"` : ''}`, operation, e);
      throw new Error(`${d.summary}: ${d.detail}`);
    }
    if (operation === 'create' || operation === 'update' || operation === 'delete') await this.options.afterOperation?.(operation);
    return result;
  }

  /** Terraform's check after apply: every value the plan knew is what the provider returned. */
  private checkResult(planned: CtyObject, state: CtyObject): void {
    for (const [name, attribute] of Object.entries(this.attributes)) {
      if (containsUnknown(planned[name]) || sameValue(attribute, planned[name], state[name])) continue;
      const show = (v: unknown) => (attribute.sensitive ? '(sensitive value)' : JSON.stringify(v));
      throw new Error(`${this.type.schema.typeName}: inconsistent result after apply: ${name} was planned as ${show(planned[name])}, got ${show(state[name])}`);
    }
  }
}
