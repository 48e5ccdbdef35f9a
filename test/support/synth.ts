import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** A synthesized stack as Terraform JSON. */
export interface TfJson {
  resource?: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, Record<string, any>>;
  /** `import` blocks written by `importFrom`. */
  import?: Array<{ to: string; id: string }>;
}

/** A fresh app and stack per call, so tests never share state. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

/** Builds a stack with `declare` and returns it with its synthesized JSON. */
export function synthJson(declare: (stack: Construct) => void): { json: TfJson; text: string } {
  const stack = newStack();
  declare(stack);
  const text = Testing.synth(stack);
  return { json: JSON.parse(text) as TfJson, text };
}

/** All resources of one Terraform type, as a list of their bodies. */
export function resourcesOf(json: TfJson, type: string): Array<Record<string, any>> {
  return Object.values(json.resource?.[type] ?? {});
}

/** The only resource of a type whose property matches; fails the test when there is not exactly one. */
export function theResource(json: TfJson, type: string, where: (r: Record<string, any>) => boolean = () => true) {
  const found = resourcesOf(json, type).filter(where);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

