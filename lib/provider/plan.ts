import { Attribute, Schema } from '../schema/attribute';
import { ConfigProblem, ResourceType } from './resource-type';
import { CtyObject, CtyValue, containsUnknown, isUnknown, sameValue, UNKNOWN } from './protocol/cty-value';

export interface PlannedChange {
  readonly planned: CtyObject | null;
  /** Attributes whose change replaces the object. */
  readonly requiresReplace: string[];
}

const isComputed = (a: Attribute) => a.mode === 'computed' || a.mode === 'optionalComputed';

/**
 * The plan for one object, from the engine's proposed new state (config values, and prior values for
 * computed attributes left out of config):
 * - a computed attribute left out of config takes its default, stays as it was on update, and is unknown
 *   on create (it is known only once the object exists: planning null would make the apply "inconsistent");
 * - an attribute marked `forceNew` that differs from the prior state replaces the object, and then every
 *   computed attribute the config does not set is unknown, since the new object gets new values.
 */
export function planChange(type: ResourceType, prior: CtyObject | null, proposed: CtyObject | null, config: CtyObject | null): PlannedChange {
  if (proposed === null || config === null) return { planned: null, requiresReplace: [] };
  const attributes = type.schema.attributes;
  const planned: CtyObject = { ...proposed };
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!isComputed(attribute) || config[name] !== null) continue;
    if (attribute.default !== undefined) planned[name] = attribute.default as CtyValue;
    else if (prior === null) planned[name] = UNKNOWN;
  }
  type.modifyPlan?.(prior as never, planned as never, config as never);
  if (prior === null) return { planned, requiresReplace: [] };

  // an optional attribute that had no value (an imported object's `rotation`) takes one in place: only a
  // change from one value to another makes a new object
  const requiresReplace = Object.entries(attributes)
    .filter(([name, attribute]) => attribute.forceNew && !sameValue(attribute, prior[name], planned[name]))
    .filter(([name, attribute]) => !(attribute.mode === 'optional' && prior[name] === null))
    .map(([name]) => name);
  if (requiresReplace.length > 0) {
    for (const [name, attribute] of Object.entries(attributes)) {
      if (isComputed(attribute) && config[name] === null && attribute.default === undefined) planned[name] = UNKNOWN;
    }
  }
  return { planned, requiresReplace };
}

/** Every rule the known values of a config break: required attributes, each attribute's own rules, then the type's. */
export function configProblems(type: ResourceType, config: CtyObject): ConfigProblem[] {
  const problems = schemaProblems(type.schema.attributes, config, '');
  return problems.length > 0 ? problems : (type.validate?.(config as never) ?? []);
}

export function schemaProblems(schema: Schema, config: CtyObject, prefix: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [name, attribute] of Object.entries(schema)) {
    const value = config[name] ?? null;
    const path = `${prefix}${name}`;
    if (value === null) {
      if (attribute.mode === 'required') problems.push({ attribute: path, message: `'${path}' is required` });
      continue;
    }
    if (containsUnknown(value)) continue;
    if (attribute.kind === 'object' && !isUnknown(value)) problems.push(...schemaProblems(attribute.attributes!, value as CtyObject, `${path}.`));
    // a sensitive value is never repeated: the engine prints diagnostics
    const got = attribute.sensitive ? '(sensitive value)' : JSON.stringify(value);
    for (const broken of attribute.check?.(value as never) ?? []) problems.push({ attribute: path, message: `'${path}' is invalid, got ${got}: ${broken}` });
  }
  return problems;
}

/** A state read from the server, with what only the config knows (and defaults of state-only attributes) kept. */
export function withDefaults(schema: Schema, state: CtyObject): CtyObject {
  const result = { ...state };
  for (const [name, attribute] of Object.entries(schema)) {
    if ((result[name] ?? null) === null && attribute.default !== undefined) result[name] = attribute.default as CtyValue;
  }
  return result;
}
