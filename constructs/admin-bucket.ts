import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Annotations, Lazy, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BookmarkFile } from '../lib/synth/bookmarks/bookmark-file';
import { duckBookmark } from '../lib/synth/bookmarks/duck-bookmark';
import { importAdminPair, literal } from '../lib/synth/import-ids';
import { throwIfBroken, ValidationError } from '../lib/synth/errors';
import { LifecycleSetting, lifecycleRules, lifecycleViolations, renderLifecycleRules } from '../lib/synth/lifecycle';
import { bucketNameViolations } from '../lib/rules/bucket-name';
import { bucketAdminGroupName, bucketAdminPolicyName } from '../lib/rules/conventions';
import { bucketAdminPolicy } from '../lib/synth/policies/bucket-admin-policy';
import { allowPublicRead, denyInsecureTransport } from '../lib/synth/policies/bucket-resource-policy';
import { PolicyStatement, renderPolicy } from '../lib/synth/policies/policy-document';
import { claimUniqueName } from '../lib/synth/unique-names';
import { awsServiceTags, Tags, tagViolations } from '../lib/rules/tags';
import { BucketUser, BucketUserOptions } from './bucket-user';
import { AdminRights, Grant, Grantee, grantRights } from './grant';

export interface AccessLogsProps {
  /** The bucket that receives the access logs; it must allow the S3 logging service to write. */
  readonly targetBucket: string;
  /** @default - `s3/<bucketName>/` */
  readonly targetPrefix?: string;
}

/**
 * S3 Object Ownership: who owns uploaded objects, and whether ACLs count.
 * - `BucketOwnerEnforced`: ACLs are off; the bucket owner owns every object.
 * - `BucketOwnerPreferred`: ACLs are on; the bucket owner owns objects uploaded with `bucket-owner-full-control`.
 * - `ObjectWriter`: ACLs are on; the uploading account owns the object.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
export const OBJECT_OWNERSHIPS: readonly ObjectOwnership[] = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];

export interface EncryptionProps {
  /**
   * A KMS key for SSE-KMS (with an S3 bucket key, which cuts KMS request costs).
   * @default - SSE-S3 (AES256, keys managed by S3)
   */
  readonly kmsKeyArn?: string;
}

/** Bucket settings that S3 keeps as objects of their own; each is imported by the bucket's name. */
export type BucketSetting = 'publicAccessBlock' | 'ownershipControls' | 'encryption' | 'versioning' | 'lifecycle' | 'logging' | 'policy';

/** What already exists of a bucket made by hand or by the replaced service (see `AdminBucket.importExisting`). */
export interface ExistingBucket {
  /** Settings the bucket already has: they are imported; the declared ones it lacks are created. @default - none */
  readonly settings?: BucketSetting[];
  /** The ARN of the existing `<bucketName>-BktAdmPlc` (IAM imports policies by ARN). @default - the policy is created */
  readonly adminPolicyArn?: string;
  /** `<bucketName>-BktAdmGrp` exists. @default false */
  readonly adminGroup?: boolean;
  /** The existing policy is attached to the existing group. @default false */
  readonly adminPolicyAttached?: boolean;
}

export interface AdminBucketProps {
  /**
   * The bucket's name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter
   * or digit, not an IP address, no `..`, no `xn--` prefix, no `-s3alias` suffix.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName: string;
  /** Tags on the bucket (at most 50; keys up to 128 characters, values up to 256, no `aws:` prefix). @default - no tags */
  readonly tags?: Tags;
  /** A named preset (`deep-archive`, `glacier`, `intelligent-tiering`, `none`) or custom rules. @default 'none' */
  readonly lifecycle?: LifecycleSetting;
  /** Server access logging. @default - no access logs */
  readonly accessLogs?: AccessLogsProps;
  /** Keep every version of every object. @default false */
  readonly versioning?: boolean;
  /** Default encryption of new objects. @default - SSE-S3 */
  readonly encryption?: EncryptionProps;
  /**
   * **Warning**: lets `terraform destroy` delete a bucket that still holds objects, and the objects with it.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Lets anyone read the objects (what an S3 website endpoint needs). Lifts the public-policy part of the
   * public access block (ACLs stay blocked) and, since website endpoints speak only HTTP, drops the TLS-only
   * rule for reads. Earns a synth warning.
   * @default false
   */
  readonly publicRead?: boolean;
  /**
   * S3 Object Ownership. Keep ACLs off unless a service that writes with ACLs needs them: CloudFront
   * standard logging (a `StaticWebsite`'s `distributionLogs` bucket) needs `BucketOwnerPreferred`.
   * Public ACLs stay blocked either way.
   * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#AccessLogsBucketAndFileOwnership
   * @default 'BucketOwnerEnforced'
   */
  readonly objectOwnership?: ObjectOwnership;
  /** Write a Cyberduck bookmark to `cdktf.out/stacks/<stack>/bookmarks/<bucketName>.duck`. @default true */
  readonly bookmark?: boolean;
}

// the construct ids these resources had before importExisting, kept so that existing states see no change
const SETTING_IDS: Record<BucketSetting, string> = {
  publicAccessBlock: 'PublicAccessBlock',
  ownershipControls: 'OwnershipControls',
  encryption: 'Encryption',
  versioning: 'Versioning',
  lifecycle: 'Lifecycle',
  logging: 'Logging',
  policy: 'Policy',
};

/**
 * An S3 bucket, secure by default, with its admin IAM policy `<bucketName>-BktAdmPlc` attached to the IAM
 * group `<bucketName>-BktAdmGrp`: the declarative form of the replaced REST service's `POST /buckets`.
 *
 * @example
 * const bucket = new AdminBucket(stack, 'Reports', { bucketName: 'acme-reports', lifecycle: 'deep-archive' });
 * bucket.addUser('reports-uploader');
 */
export class AdminBucket extends Construct {
  readonly bucketName: string;
  readonly bucket: S3Bucket;
  readonly adminPolicy: IamPolicy;
  readonly adminGroup: IamGroup;
  /** The bucket's S3 Object Ownership setting. */
  readonly objectOwnership: ObjectOwnership;
  /** The resource that sets it (a log writer that needs ACLs must wait for it). */
  readonly ownershipControls: S3BucketOwnershipControls;
  private readonly adminRights: AdminRights;
  private readonly policyStatements: PolicyStatement[] = [];
  private readonly settings = new Map<BucketSetting, TerraformResource>();
  private readonly adminPolicyAttachment: IamGroupPolicyAttachment;

  constructor(scope: Construct, id: string, props: AdminBucketProps) {
    super(scope, id);
    this.validate(props);
    const name = props.bucketName;
    this.bucketName = name;

    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: name,
      forceDestroy: props.forceDestroy ?? false,
      tags: props.tags,
    });
    if (props.forceDestroy) {
      Annotations.of(this).addWarning(`'forceDestroy' is on: destroying this stack deletes '${name}' with all its objects`);
    }

    const publicRead = props.publicRead ?? false;
    const accessBlock = this.setting('publicAccessBlock', S3BucketPublicAccessBlock, {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: !publicRead,
      restrictPublicBuckets: !publicRead,
    });
    this.objectOwnership = props.objectOwnership ?? 'BucketOwnerEnforced';
    this.ownershipControls = this.setting('ownershipControls', S3BucketOwnershipControls, {
      bucket: this.bucket.id,
      rule: { objectOwnership: this.objectOwnership },
    });
    this.setting('encryption', S3BucketServerSideEncryptionConfigurationA, {
      bucket: this.bucket.id,
      rule: [this.renderEncryption(props.encryption)],
    });
    const versioning = props.versioning
      ? this.setting('versioning', S3BucketVersioningA, {
          bucket: this.bucket.id,
          versioningConfiguration: { status: 'Enabled' },
        })
      : undefined;
    const rules = lifecycleRules(props.lifecycle ?? 'none');
    if (rules.length > 0) {
      this.setting('lifecycle', S3BucketLifecycleConfiguration, {
        bucket: this.bucket.id,
        rule: renderLifecycleRules(rules),
        // S3 rejects noncurrent-version rules while versioning is being switched on
        dependsOn: versioning ? [versioning] : undefined,
      });
    }
    if (props.accessLogs) {
      this.setting('logging', S3BucketLoggingA, {
        bucket: this.bucket.id,
        targetBucket: props.accessLogs.targetBucket,
        targetPrefix: props.accessLogs.targetPrefix ?? `s3/${name}/`,
      });
    }

    if (publicRead) {
      Annotations.of(this).addWarning(`'publicRead' is on: every object in '${name}' is readable by anyone`);
      this.addToResourcePolicy(allowPublicRead(name));
    } else {
      this.addToResourcePolicy(denyInsecureTransport(name));
    }
    this.setting('policy', S3BucketPolicy, {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.policyStatements) }),
      // a public policy is refused until the access block that allows it is in place
      dependsOn: [accessBlock],
    });

    this.adminPolicy = new IamPolicy(this, 'AdminPolicy', {
      name: bucketAdminPolicyName(name),
      description: `Full administration of the bucket ${name}`,
      policy: bucketAdminPolicy(name),
      tags: serviceTags(this, props.tags),
    });
    this.adminGroup = new IamGroup(this, 'AdminGroup', { name: bucketAdminGroupName(name) });
    this.adminPolicyAttachment = new IamGroupPolicyAttachment(this, 'AdminPolicyAttachment', {
      group: this.adminGroup.name,
      policyArn: this.adminPolicy.arn,
    });
    this.adminRights = { kind: 'bucketAdmin', group: this.adminGroup, policy: this.adminPolicy, grants: new Map() };

    if ((props.bookmark ?? true) && !Token.isUnresolved(name)) {
      new BookmarkFile(this, 'Bookmark', `${name}.duck`, duckBookmark({ bucketName: name }));
    }
  }

  // Attributes are getters: every reference token records a stack trace, which adds up over thousands of buckets.

  /** @attribute */
  get bucketArn(): string {
    return this.bucket.arn;
  }

  /** The bucket's domain name, `<bucketName>.s3.amazonaws.com` (what CloudFront logging takes). @attribute */
  get bucketDomainName(): string {
    return this.bucket.bucketDomainName;
  }

  /** `<bucketName>-BktAdmPlc` */
  get adminPolicyName(): string {
    return this.adminPolicy.name;
  }

  /** @attribute */
  get adminPolicyArn(): string {
    return this.adminPolicy.arn;
  }

  /** `<bucketName>-BktAdmGrp` */
  get adminGroupName(): string {
    return this.adminGroup.name;
  }

  /** @attribute */
  get adminGroupArn(): string {
    return this.adminGroup.arn;
  }

  /** Adds a statement to the bucket policy; rendered at synth, so statements added later still count. */
  addToResourcePolicy(statement: PolicyStatement): void {
    this.policyStatements.push(statement);
  }

  /**
   * Adopts what already exists (made by hand or by the replaced service): the next `cdktf deploy` imports
   * the bucket and the named objects (`importFrom`) instead of creating duplicates, then brings them to
   * what this construct declares. `s3-admin adopt` writes these calls for a whole account.
   */
  importExisting(existing: ExistingBucket = {}): void {
    const name = literal(this, 'bucketName', this.bucketName);
    this.bucket.importFrom(name);
    for (const setting of existing.settings ?? []) {
      const resource = this.settings.get(setting);
      if (!resource) {
        throw new ValidationError(this, `'settings' of importExisting names '${setting}', which this bucket does not declare: declare it in the props, or leave it out`);
      }
      resource.importFrom(name);
    }
    importAdminPair(this, 'admin', { policy: this.adminPolicy, group: this.adminGroup, attachment: this.adminPolicyAttachment }, bucketAdminGroupName(name), {
      policyArn: existing.adminPolicyArn,
      group: existing.adminGroup,
      attached: existing.adminPolicyAttached,
    });
  }

  /**
   * Makes `grantee` an admin of this bucket: a user (a `BucketUser`, an `IamUser`, or an IAM user's name)
   * joins `<bucketName>-BktAdmGrp`; an `IamGroup` gets `<bucketName>-BktAdmPlc` attached (IAM groups cannot
   * hold groups). Granting the same grantee twice returns the first grant.
   *
   * @example
   * const deployer = new BucketUser(stack, 'Deployer', { userName: 'reports-deployer' });
   * bucket.grantAdmin(deployer);
   * bucket.grantAdmin(new IamGroup(stack, 'Ops', { name: 'ops' }));
   * bucket.grantAdmin('an-existing-user');
   */
  grantAdmin(grantee: Grantee): Grant {
    return grantRights(this, this.adminRights, grantee);
  }

  /** Creates an IAM user with an access key and grants it admin rights on this bucket (`grantAdmin`). */
  addUser(userName: string, options: Omit<BucketUserOptions, 'groups'> = {}): BucketUser {
    const user = new BucketUser(this, `User-${userName}`, { ...options, userName });
    this.grantAdmin(user);
    return user;
  }

  /** Creates one of the bucket's setting resources and remembers it for importExisting. */
  private setting<C, R extends TerraformResource>(kind: BucketSetting, type: new (scope: Construct, id: string, config: C) => R, config: C): R {
    const resource = new type(this, SETTING_IDS[kind], config);
    this.settings.set(kind, resource);
    return resource;
  }

  private validate(props: AdminBucketProps): void {
    if (!Token.isUnresolved(props.bucketName)) {
      throwIfBroken(this, 'bucketName', props.bucketName, bucketNameViolations(props.bucketName));
    }
    // S3 bucket names are global, and the admin policy and group are named after the bucket
    claimUniqueName(this, 'S3 bucket', '', 'bucketName', props.bucketName);
    const logTarget = props.accessLogs?.targetBucket;
    if (logTarget !== undefined && !Token.isUnresolved(logTarget)) {
      throwIfBroken(this, 'accessLogs.targetBucket', logTarget, bucketNameViolations(logTarget));
    }
    if (props.tags) throwIfBroken(this, 'tags', props.tags, tagViolations(props.tags));
    if (props.lifecycle !== undefined) {
      throwIfBroken(this, 'lifecycle', props.lifecycle, lifecycleViolations(props.lifecycle));
    }
    if (props.objectOwnership !== undefined && !OBJECT_OWNERSHIPS.includes(props.objectOwnership)) {
      throwIfBroken(this, 'objectOwnership', props.objectOwnership, [`must be one of ${OBJECT_OWNERSHIPS.join(', ')}`]);
    }
  }

  private renderEncryption(encryption: EncryptionProps | undefined) {
    if (encryption?.kmsKeyArn) {
      return {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.kmsKeyArn },
        bucketKeyEnabled: true,
      };
    }
    return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
  }
}

/**
 * The tags for an IAM, ACM or CloudFront resource: those services refuse characters S3 takes (the replaced
 * service's `COA: Take.My.Money.$$$$`), so such a tag stays on the bucket only, with a synth warning.
 */
export function serviceTags(scope: Construct, tags: Tags | undefined): Tags | undefined {
  const { accepted, refused } = awsServiceTags(tags, (text) => Token.isUnresolved(text));
  if (refused.length) {
    Annotations.of(scope).addWarning(
      `tag(s) ${refused.map((k) => `'${k}'`).join(', ')} stay on the bucket only: IAM, ACM and CloudFront accept only letters, digits, spaces and _ . : / = + - @ in tag keys and values`,
    );
  }
  return accepted;
}
