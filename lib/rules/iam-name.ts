import { disallowedCharacter } from './allowed-characters';

/**
 * IAM user, group and policy names share one character set; only the maximum length differs.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
 */
export const IAM_NAME_MAX_LENGTH = { user: 64, group: 128, policy: 128 } as const;

export type IamNameKind = keyof typeof IAM_NAME_MAX_LENGTH;

/** Returns every rule `name` breaks as an IAM name of the given kind (empty when valid). */
export function iamNameViolations(name: string, kind: IamNameKind): string[] {
  const broken: string[] = [];
  const max = IAM_NAME_MAX_LENGTH[kind];
  if (name.length < 1 || name.length > max) {
    broken.push(`an IAM ${kind} name must be 1 to ${max} characters long (it has ${name.length})`);
  }
  const badChar = disallowedCharacter(name, /[A-Za-z0-9+=,.@_-]/, 'letters, digits and + = , . @ _ -');
  if (badChar) broken.push(`an IAM ${kind} name ${badChar}`);
  return broken;
}
