import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/** Per app (the construct tree's root): what each claimed name is, and which construct claimed it. */
const claims = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims a name that must be declared once in the whole app: an S3 bucket, an IAM user, a uid on one RGW.
 * Two claims would pass synth and clash at apply (or silently manage one object twice), so the second fails
 * here, naming both constructs. `namespace` says where the name must be unique (for instance the endpoint's
 * URL); names that are still tokens are left to the engine.
 */
export function claimUniqueName(scope: IConstruct, what: string, namespace: string, field: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  const root = scope.node.root;
  const taken = claims.get(root) ?? new Map<string, string>();
  claims.set(root, taken);
  const key = `${what}\u0000${namespace}\u0000${name}`;
  const other = taken.get(key);
  if (other !== undefined && other !== scope.node.path) {
    const where = namespace ? ` on ${namespace}` : '';
    throw new ValidationError(scope, `'${field}' ${JSON.stringify(name)} is already declared by ${other}: two declarations of one ${what}${where} would fight over it at apply. Declare it once and pass that construct where it is needed`);
  }
  taken.set(key, scope.node.path);
}
