import { Schema } from '../../../lib/schema/attribute';
import { RGW_ACCESS_KEY, RGW_USER } from '../../../lib/schema/rgw';
import { CtyObject, normalizeObject } from '../../../lib/provider/protocol/cty-value';

/** A hand-made object of the schema: the given attributes, every other one null (as cty sends it). */
export function objectOf(schema: Schema, values: Record<string, unknown>): CtyObject {
  return normalizeObject(schema, values)!;
}

/** The config of the RGW user `alice` as a stack declares it; computed attributes left out are null. */
export const userConfig = (values: Record<string, unknown> = {}): CtyObject =>
  objectOf(RGW_USER.attributes, { uid: 'alice', display_name: 'Alice', ...values });

/** The state of `alice` once created: what RGW reports, with the provider's defaults. */
export const userState = (values: Record<string, unknown> = {}): CtyObject =>
  userConfig({ email: 'alice@example.com', max_buckets: 1000, suspended: false, purge_data: false, ...values });

export const keyConfig = (values: Record<string, unknown> = {}): CtyObject => objectOf(RGW_ACCESS_KEY.attributes, { uid: 'alice', rotation: 1, ...values });

export const keyState = (values: Record<string, unknown> = {}): CtyObject =>
  keyConfig({ max_keys: 4, access_key_id: 'AKALICE0001', secret_access_key: 'alice-secret-0001', ...values });

/**
 * The engine's proposed new state (Terraform's objchange.ProposedNew, for these flat schemas): the config's
 * values, and for a computed attribute the config leaves out, the prior value (null on create).
 */
export function proposedNew(schema: Schema, prior: CtyObject | null, config: CtyObject): CtyObject {
  return Object.fromEntries(
    Object.entries(schema).map(([name, attribute]) => {
      const computed = attribute.mode === 'computed' || attribute.mode === 'optionalComputed';
      return [name, config[name] === null && computed && prior ? prior[name] : config[name]];
    }),
  );
}
