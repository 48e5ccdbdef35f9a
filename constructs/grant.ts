import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfBroken, ValidationError } from '../lib/synth/errors';
import { iamNameViolations } from '../lib/rules/iam-name';
import { BucketUser } from './bucket-user';

/**
 * Who can be made an admin: a `BucketUser`, an IAM user or group of the AWS provider (declared in this or
 * any stack's code), or the name of an IAM user made elsewhere.
 */
export type Grantee = BucketUser | IamUser | IamGroup | string;

/** Which admin rights a grant gives (the convention's names: `BktAdm`, `WebAdm`). */
export type GrantKind = 'bucketAdmin' | 'websiteAdmin';

/**
 * What a `grantAdmin` / `grantWebAdmin` call gave: a user joins the admin group; a group (IAM groups cannot
 * hold groups) gets the admin policy attached.
 */
export interface Grant {
  readonly kind: GrantKind;
  /** The user's or group's name; a Terraform reference when the grantee is declared in code. */
  readonly grantee: string;
  readonly granteeType: 'user' | 'group';
  /** The admin group (`<name>-BktAdmGrp`, `<domain>-WebAdmGrp`). */
  readonly group: IamGroup;
  /** The admin policy (`<name>-BktAdmPlc`, `<domain>-WebAdmPlc`). */
  readonly policy: IamPolicy;
  /**
   * A user's membership of `group`. For a `BucketUser` it is the user's own membership resource, which holds
   * all its groups; otherwise one made for this grant. Undefined for a group grantee.
   */
  readonly membership?: IamUserGroupMembership;
  /** For a group grantee: the attachment of `policy` to it. */
  readonly policyAttachment?: IamGroupPolicyAttachment;
}

/** The admin group and policy a construct grants, and the grants it gave so far (one per grantee). */
export interface AdminRights {
  readonly kind: GrantKind;
  readonly group: IamGroup;
  readonly policy: IamPolicy;
  readonly grants: Map<string, Grant>;
}

const ID_PREFIX: Record<GrantKind, string> = { bucketAdmin: 'AdminGrant', websiteAdmin: 'WebAdminGrant' };

/**
 * Gives `rights` to `grantee`, once: a second call for the same grantee returns the first grant. Resources
 * made for a grant live in `scope` (the granting construct) with ids derived from the grantee's name, so
 * they keep their Terraform address as long as the name stays.
 */
export function grantRights(scope: Construct, rights: AdminRights, grantee: Grantee): Grant {
  const { kind, group, policy, grants } = rights;
  const prefix = ID_PREFIX[kind];
  if (grantee instanceof BucketUser) {
    return remember(grants, `bucket-user:${grantee.node.path}`, () => ({
      kind, grantee: grantee.user.name, granteeType: 'user', group, policy, membership: grantee.addToGroup(group.name),
    }));
  }
  if (grantee instanceof IamGroup) {
    const name = grantee.nameInput;
    const id = name !== undefined && !Token.isUnresolved(name) ? name : grantee.node.addr;
    return remember(grants, `group:${id}`, () => ({
      kind, grantee: grantee.name, granteeType: 'group', group, policy,
      policyAttachment: new IamGroupPolicyAttachment(scope, `${prefix}Group-${id}`, { group: grantee.name, policyArn: policy.arn }),
    }));
  }
  if (grantee instanceof IamUser) {
    const name = grantee.nameInput;
    const id = name !== undefined && !Token.isUnresolved(name) ? name : grantee.node.addr;
    return remember(grants, `user:${id}`, () => userGrant(scope, `${prefix}User-${id}`, rights, grantee.name));
  }
  if (typeof grantee !== 'string') {
    throw new ValidationError(scope, `a grantee must be a BucketUser, an IamUser, an IamGroup or an IAM user name, got ${describe(grantee)}`);
  }
  if (Token.isUnresolved(grantee)) {
    throw new ValidationError(scope, `a grantee given by name must be a literal IAM user name, got the unresolved token ${grantee}: pass the IamUser itself instead`);
  }
  throwIfBroken(scope, 'grantee', grantee, iamNameViolations(grantee, 'user'));
  return remember(grants, `user:${grantee}`, () => userGrant(scope, `${prefix}User-${grantee}`, rights, grantee));
}

function userGrant(scope: Construct, id: string, rights: AdminRights, userName: string): Grant {
  const membership = new IamUserGroupMembership(scope, id, { user: userName, groups: [rights.group.name] });
  return { kind: rights.kind, grantee: userName, granteeType: 'user', group: rights.group, policy: rights.policy, membership };
}

function remember(grants: Map<string, Grant>, key: string, make: () => Grant): Grant {
  let grant = grants.get(key);
  if (!grant) {
    grant = make();
    grants.set(key, grant);
  }
  return grant;
}

function describe(value: unknown): string {
  if (value instanceof Construct) return `the construct ${value.node.path} (${value.constructor.name})`;
  return JSON.stringify(value) ?? String(value);
}
