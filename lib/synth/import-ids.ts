import { TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/*
 * Import ids in the forms the AWS provider's resources accept (see each resource's "Import" section).
 * An import id must be known at synth, so a value that is still a token is refused with the field's name.
 */

export function literal(scope: IConstruct, field: string, value: string): string {
  if (Token.isUnresolved(value)) {
    throw new ValidationError(scope, `'${field}' must be a literal string to import an existing object, got the unresolved token ${value}`);
  }
  return value;
}

/** aws_iam_group_policy_attachment */
const groupPolicyAttachmentId = (group: string, policyArn: string) => `${group}/${policyArn}`;

/** aws_iam_user_group_membership */
export const userGroupMembershipId = (user: string, groups: readonly string[]) => [user, ...groups].join('/');

/** aws_route53_record */
export const route53RecordId = (zoneId: string, name: string, type: string) => `${zoneId}_${name}_${type}`;

/**
 * Imports an admin policy, its group and their attachment as far as they exist. `field` is the prefix of
 * the importExisting fields (`admin`, `webAdmin`), so an error names what the user wrote.
 */
export function importAdminPair(
  scope: IConstruct,
  field: string,
  resources: { policy: TerraformResource; group: TerraformResource; attachment: TerraformResource },
  groupName: string,
  existing: { policyArn?: string; group?: boolean; attached?: boolean },
): void {
  if (existing.policyArn) resources.policy.importFrom(existing.policyArn);
  if (existing.group) resources.group.importFrom(groupName);
  if (!existing.attached) return;
  if (!existing.policyArn || !existing.group) {
    throw new ValidationError(scope, `'${field}PolicyAttached' of importExisting needs '${field}PolicyArn' and '${field}Group': an attachment joins two existing objects`);
  }
  resources.attachment.importFrom(groupPolicyAttachmentId(groupName, existing.policyArn));
}
