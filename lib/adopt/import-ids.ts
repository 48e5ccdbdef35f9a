import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

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
export const groupPolicyAttachmentId = (group: string, policyArn: string) => `${group}/${policyArn}`;

/** aws_iam_user_group_membership */
export const userGroupMembershipId = (user: string, groups: readonly string[]) => [user, ...groups].join('/');

/** aws_route53_record */
export const route53RecordId = (zoneId: string, name: string, type: string) => `${zoneId}_${name}_${type}`;
