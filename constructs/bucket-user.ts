import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { Annotations, Lazy, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { literal, userGroupMembershipId } from '../lib/synth/import-ids';
import { throwIfBroken, throwIfNotWholeNumber, ValidationError } from '../lib/synth/errors';
import { iamNameViolations } from '../lib/rules/iam-name';
import { KEY_ROTATION_PERIODS, KeyRotationPeriod, rotationPeriodLabel } from '../lib/synth/key-rotation-period';
import { claimUniqueName } from '../lib/synth/unique-names';
import { iamTagViolations, Tags, tagViolations } from '../lib/rules/tags';
import { replaceTriggeredBy } from '../lib/synth/replace-triggered-by';
import { TerraformData } from '../lib/synth/terraform-data';

export interface BucketUserOptions {
  /**
   * Names of the IAM groups the user joins, such as `AdminBucket.adminGroupName`.
   * @deprecated grant rights instead: `bucket.grantAdmin(user)`, `site.grantWebAdmin(user)`; for a group this
   * library does not make, `user.addToGroup(name)`. Still honoured in this release, with a synth warning.
   * @default - no group
   */
  readonly groups?: string[];
  /**
   * The key's generation. Changing it (for instance 1 → 2) replaces the access key: the new key is created
   * first and the old one deleted after, so the user is never without a working key (IAM allows two).
   * @default 1
   */
  readonly keyRotation?: number;
  /**
   * Also replace the key at the first deploy of every new calendar month, quarter or year (UTC), the same
   * way as a raised `keyRotation`. Needs deploys on a schedule (a nightly pipeline run, say): Terraform acts
   * only when it runs.
   * @default - only `keyRotation` rotates the key
   */
  readonly keyRotationPeriod?: KeyRotationPeriod;
  /**
   * Also publish the key as stack outputs (ids ending in `AccessKeyIdOutput` and `SecretAccessKeyOutput`); the
   * secret is marked sensitive, so plans and `cdktf output` hide it; read it with `terraform output -raw NAME`.
   * @default false
   */
  readonly outputSecret?: boolean;
  /** Tags on the IAM user. @default - no tags */
  readonly tags?: Tags;
}

/** What already exists of a user (see `BucketUser.importExisting`). */
export interface ExistingBucketUser {
  /** Literal names of the groups the user is in now (the membership is imported by them). @default - no membership exists */
  readonly groups?: string[];
  /**
   * An existing access key to adopt as this user's key. Its secret cannot be read back from IAM, so
   * `secretAccessKey` stays empty until the next `keyRotation`. @default - a new key is created
   */
  readonly accessKeyId?: string;
}

export interface BucketUserProps extends BucketUserOptions {
  /** The IAM user name: 1 to 64 letters, digits and `+=,.@_-`. */
  readonly userName: string;
}

/**
 * An IAM user with one active access key and membership in bucket or website admin groups: the declarative
 * form of the replaced service's `POST .../users` and its key reset (`PUT .../users/{user}`).
 */
export class BucketUser extends Construct {
  readonly user: IamUser;
  readonly accessKey: IamAccessKey;
  readonly userName: string;
  private membership?: IamUserGroupMembership;
  private readonly groupNames: string[] = [];

  constructor(scope: Construct, id: string, props: BucketUserProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.userName)) {
      throwIfBroken(this, 'userName', props.userName, iamNameViolations(props.userName, 'user'));
    }
    claimUniqueName(this, 'IAM user', '', 'userName', props.userName);
    if (props.tags) throwIfBroken(this, 'tags', props.tags, [...tagViolations(props.tags), ...iamTagViolations(props.tags, (t) => Token.isUnresolved(t))]);
    throwIfNotWholeNumber(this, 'keyRotation', props.keyRotation, 1, '; raise it by one to rotate the key');
    const rotation = props.keyRotation ?? 1;
    const period = props.keyRotationPeriod;
    if (period !== undefined && !KEY_ROTATION_PERIODS.includes(period)) {
      throwIfBroken(this, 'keyRotationPeriod', period, [`must be one of ${KEY_ROTATION_PERIODS.join(', ')}`]);
    }

    this.user = new IamUser(this, 'User', { name: props.userName, tags: props.tags });
    this.userName = props.userName;
    const groups = props.groups ?? [];
    if (groups.length > 0) {
      Annotations.of(this).addWarning(
        `'groups' is deprecated and will be removed in the next release: grant rights instead (bucket.grantAdmin(user), site.grantWebAdmin(user)) or call user.addToGroup(name)`,
      );
      for (const group of groups) this.addToGroup(group);
    }

    // The key is replaced whenever this generation (counter, and period when set) changes (replace_triggered_by).
    const generation = new TerraformData(this, 'KeyRotation', {
      input: period ? { generation: rotation, period: rotationPeriodLabel(period) } : { generation: rotation },
    });
    this.accessKey = new IamAccessKey(this, 'AccessKey', {
      user: this.user.name,
      lifecycle: { createBeforeDestroy: true },
    });
    replaceTriggeredBy(this.accessKey, [generation]);

    if (props.outputSecret) {
      new TerraformOutput(this, 'AccessKeyIdOutput', { value: this.accessKeyId });
      new TerraformOutput(this, 'SecretAccessKeyOutput', { value: this.secretAccessKey, sensitive: true });
    }
  }

  /**
   * Makes the user a member of an IAM group; `bucket.grantAdmin(user)` and `site.grantWebAdmin(user)` call it
   * with their admin groups. All of the user's groups share one membership resource (construct id `Groups`,
   * listed lazily), so adding a group later changes that resource in place.
   * @returns the membership resource
   */
  addToGroup(groupName: string): IamUserGroupMembership {
    if (!this.groupNames.includes(groupName)) this.groupNames.push(groupName);
    this.membership ??= new IamUserGroupMembership(this, 'Groups', {
      user: this.user.name,
      groups: Lazy.listValue({ produce: () => this.groupNames }),
    });
    return this.membership;
  }

  /** Adopts an existing IAM user: the next `cdktf deploy` imports it (and what `existing` names) instead of creating it. */
  importExisting(existing: ExistingBucketUser = {}): void {
    const name = literal(this, 'userName', this.userName);
    this.user.importFrom(name);
    if (existing.groups?.length) {
      if (!this.membership) {
        throw new ValidationError(this, `'groups' of importExisting names ${JSON.stringify(existing.groups)}, but the user is in no group yet: grant it first (bucket.grantAdmin(user), site.grantWebAdmin(user)), or leave them out`);
      }
      this.membership.importFrom(userGroupMembershipId(name, existing.groups));
    }
    if (existing.accessKeyId) this.accessKey.importFrom(existing.accessKeyId);
  }

  /** @attribute */
  get userArn(): string {
    return this.user.arn;
  }

  /** @attribute */
  get accessKeyId(): string {
    return this.accessKey.id;
  }

  /** A sensitive Terraform value: pass it to other resources, never print it. @attribute */
  get secretAccessKey(): string {
    return this.accessKey.secret;
  }
}
