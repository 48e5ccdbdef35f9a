import { Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * A prop broke a rule at synth time. The message starts with the construct path so the user finds the
 * declaration, then names the field, the value and every rule it broke.
 */
export class ValidationError extends Error {
  constructor(scope: IConstruct, message: string) {
    super(`[${scope.node.path}] ${message}`);
    this.name = 'ValidationError';
  }
}

/** Throws one error listing every broken rule, so a user fixes a value in one round trip. */
export function throwIfBroken(scope: IConstruct, field: string, value: unknown, broken: readonly string[]): void {
  if (broken.length === 0) return;
  const rules = broken.length === 1 ? broken[0] : broken.map((r) => `\n  - ${r}`).join('');
  throw new ValidationError(scope, `'${field}' is invalid, got ${JSON.stringify(value)}: ${rules}`);
}

/** Checks an optional whole-number prop against its minimum (skipped when undefined). */
export function throwIfNotWholeNumber(scope: IConstruct, field: string, value: number | undefined, min: number, hint = ''): void {
  if (value === undefined || Token.isUnresolved(value) || (Number.isInteger(value) && value >= min)) return;
  throwIfBroken(scope, field, value, [`must be a whole number >= ${min}${hint}`]);
}

/**
 * Checks a prop against its rule unless it is still a Terraform token (a reference to another resource, a
 * variable): the engine resolves those at apply, and the provider checks them there with the same rule.
 */
export function checkProp<T>(scope: IConstruct, field: string, value: T | undefined, rule: (value: T) => readonly string[]): void {
  if (value === undefined || containsToken(value)) return;
  throwIfBroken(scope, field, value, rule(value));
}

function containsToken(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(containsToken);
  if (value && typeof value === 'object') return Object.values(value).some(containsToken);
  return false;
}
