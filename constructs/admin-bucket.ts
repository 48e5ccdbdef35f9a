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
import { Annotations, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { BookmarkFile } from '../lib/bookmarks/bookmark-file';
import { duckBookmark } from '../lib/bookmarks/duck-bookmark';
import { throwIfBroken } from '../lib/errors';
import { LifecycleSetting, lifecycleRules, lifecycleViolations, renderLifecycleRules } from '../lib/lifecycle';
import { bucketNameViolations } from '../lib/naming/bucket-name';
import { bucketAdminPolicy } from '../lib/policies/bucket-admin-policy';
import { allowPublicRead, denyInsecureTransport } from '../lib/policies/bucket-resource-policy';
import { PolicyStatement, renderPolicy } from '../lib/policies/policy-document';
import { Tags, tagViolations } from '../lib/tags';
import { BucketUser, BucketUserOptions } from './bucket-user';

export interface AccessLogsProps {
  /** The bucket that receives the access logs; it must allow the S3 logging service to write. */
  readonly targetBucket: string;
  /** @default - `s3/<bucketName>/` */
  readonly targetPrefix?: string;
}

export interface EncryptionProps {
  /**
   * A KMS key for SSE-KMS (with an S3 bucket key, which cuts KMS request costs).
   * @default - SSE-S3 (AES256, keys managed by S3)
   */
  readonly kmsKeyArn?: string;
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
  /** Write a Cyberduck bookmark to `cdktf.out/stacks/<stack>/bookmarks/<bucketName>.duck`. @default true */
  readonly bookmark?: boolean;
}

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
  private readonly policyStatements: PolicyStatement[] = [];

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
    const accessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: !publicRead,
      restrictPublicBuckets: !publicRead,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [this.renderEncryption(props.encryption)],
    });
    const versioning = props.versioning
      ? new S3BucketVersioningA(this, 'Versioning', {
          bucket: this.bucket.id,
          versioningConfiguration: { status: 'Enabled' },
        })
      : undefined;
    const rules = lifecycleRules(props.lifecycle ?? 'none');
    if (rules.length > 0) {
      new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
        bucket: this.bucket.id,
        rule: renderLifecycleRules(rules),
        // S3 rejects noncurrent-version rules while versioning is being switched on
        dependsOn: versioning ? [versioning] : undefined,
      });
    }
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'Logging', {
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
    new S3BucketPolicy(this, 'Policy', {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.policyStatements) }),
      // a public policy is refused until the access block that allows it is in place
      dependsOn: [accessBlock],
    });

    this.adminPolicy = new IamPolicy(this, 'AdminPolicy', {
      name: `${name}-BktAdmPlc`,
      description: `Full administration of the bucket ${name}`,
      policy: bucketAdminPolicy(name),
      tags: props.tags,
    });
    this.adminGroup = new IamGroup(this, 'AdminGroup', { name: `${name}-BktAdmGrp` });
    new IamGroupPolicyAttachment(this, 'AdminPolicyAttachment', {
      group: this.adminGroup.name,
      policyArn: this.adminPolicy.arn,
    });

    if ((props.bookmark ?? true) && !Token.isUnresolved(name)) {
      new BookmarkFile(this, 'Bookmark', `${name}.duck`, duckBookmark({ bucketName: name }));
    }
  }

  // Attributes are getters: every reference token records a stack trace, which adds up over thousands of buckets.

  /** @attribute */
  get bucketArn(): string {
    return this.bucket.arn;
  }

  /** `<bucketName>-BktAdmPlc` */
  get adminPolicyName(): string {
    return this.adminPolicy.name;
  }

  /** @attribute */
  get adminPolicyArn(): string {
    return this.adminPolicy.arn;
  }

  /** `<bucketName>-BktAdmGrp`, for `BucketUser.groups` */
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

  /** Creates an IAM user with an access key who joins this bucket's admin group. */
  addUser(userName: string, options: Omit<BucketUserOptions, 'groups'> = {}): BucketUser {
    return new BucketUser(this, `User-${userName}`, { ...options, userName, groups: [this.adminGroupName] });
  }

  private validate(props: AdminBucketProps): void {
    if (!Token.isUnresolved(props.bucketName)) {
      throwIfBroken(this, 'bucketName', props.bucketName, bucketNameViolations(props.bucketName));
    }
    if (props.tags) throwIfBroken(this, 'tags', props.tags, tagViolations(props.tags));
    if (props.lifecycle !== undefined) {
      throwIfBroken(this, 'lifecycle', props.lifecycle, lifecycleViolations(props.lifecycle));
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
