import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp } from '../lib/synth/errors';
import { bucketNameViolations } from '../lib/rules/bucket-name';
import { quotaViolations } from '../lib/rules/rgw-rules';
import { bucketArn, bucketObjectsArn, PolicyDocument } from '../lib/synth/policies/policy-document';
import { RGW_BUCKET } from '../lib/schema/rgw';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { Tags, tagViolations } from '../lib/rules/tags';
import { RgwAccessKey } from './rgw-access-key';
import { QuotaSpec, quotaConfig, RgwUser } from './rgw-user';

export interface RgwBucketProps {
  /** The bucket name (S3 naming rules). A change replaces the bucket. */
  readonly bucketName: string;
  /** The key of the user who owns the bucket; S3 calls are made with it. */
  readonly owner: RgwAccessKey;
  /** @default - no tags */
  readonly tags?: Tags;
  /** @default - no quota */
  readonly quota?: QuotaSpec;
  /**
   * RGW users who get full control of the bucket and its objects through the bucket policy: the RGW
   * counterpart of an `AdminBucket`'s admin group. @default - only the owner
   */
  readonly bucketUsers?: RgwUser[];
  /** **Warning**: deleting the bucket then deletes its objects. @default false */
  readonly purgeData?: boolean;
}

/**
 * A bucket on Ceph RGW, owned by an RGW user, with tags, quota and a policy for its bucket users. A new
 * owner gets the bucket in place (unlink and link through the admin API).
 */
export class RgwBucket extends Construct {
  readonly bucketName: string;
  readonly resource: SchemaResource<typeof RGW_BUCKET.attributes>;

  constructor(scope: Construct, id: string, props: RgwBucketProps) {
    super(scope, id);
    checkProp(this, 'bucketName', props.bucketName, bucketNameViolations);
    checkProp(this, 'tags', props.tags, tagViolations);
    checkProp(this, 'quota', props.quota, quotaViolations);
    const owner = props.owner.user;
    claimUniqueName(this, 'RGW bucket', owner.endpoint.url, 'bucketName', props.bucketName);
    this.bucketName = props.bucketName;
    this.resource = new SchemaResource(
      this,
      'Resource',
      RGW_BUCKET,
      {
        bucket: props.bucketName,
        owner_uid: owner.uid,
        owner_access_key_id: props.owner.accessKeyId,
        owner_secret_access_key: props.owner.secretAccessKey,
        tags: props.tags ?? {},
        quota: quotaConfig(props.quota),
        policy: props.bucketUsers?.length ? JSON.stringify(bucketUsersPolicy(props.bucketName, props.bucketUsers)) : undefined,
        purge_data: props.purgeData ?? false,
      },
      { provider: owner.endpoint.providerIn(this), dependsOn: [props.owner.resource, ...(props.bucketUsers ?? []).map((u) => u.resource)] },
    );
  }

  /** Adopts the existing bucket of this name: the first deploy imports it, then manages it as declared. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'bucketName', this.bucketName));
  }
}

/** Full control of the bucket and its objects for the given RGW users (RGW principals have no account id). */
export function bucketUsersPolicy(bucketName: string, users: RgwUser[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'BucketUsers',
        Effect: 'Allow',
        Principal: { AWS: users.map((u) => `arn:aws:iam:::user/${u.uid}`) },
        Action: 's3:*',
        Resource: [bucketArn(bucketName), bucketObjectsArn(bucketName)],
      },
    ],
  };
}
