import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
import { throwIfBroken } from '../lib/errors';
import { bucketNameViolations } from '../lib/naming/bucket-name';
import { quotaViolations } from '../lib/naming/rgw-rules';
import { bucketArn, bucketObjectsArn, PolicyDocument } from '../lib/policies/policy-document';
import { RgwBucketProps as RgwBucketRequest } from '../lib/runtime/operations/rgw-bucket';
import { OWNER_SECRET_KEY_ENV } from '../lib/runtime/request';
import { Tags, tagViolations } from '../lib/tags';
import { RgwAccessKey } from './rgw-access-key';
import { QuotaSpec, RgwUser } from './rgw-user';

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

/** A bucket on Ceph RGW, owned by an RGW user, with tags, quota and a policy for its bucket users. */
export class RgwBucket extends Construct {
  readonly bucketName: string;
  readonly resource: AdminObject;

  constructor(scope: Construct, id: string, props: RgwBucketProps) {
    super(scope, id);
    throwIfBroken(this, 'bucketName', props.bucketName, bucketNameViolations(props.bucketName));
    if (props.tags) throwIfBroken(this, 'tags', props.tags, tagViolations(props.tags));
    if (props.quota) throwIfBroken(this, 'quota', props.quota, quotaViolations(props.quota));
    this.bucketName = props.bucketName;
    const owner = props.owner.user;
    const request: RgwBucketRequest = {
      bucket: props.bucketName,
      ownerUid: owner.uid,
      ownerAccessKey: props.owner.accessKeyId,
      tags: props.tags ?? {},
      quota: props.quota,
      policy: props.bucketUsers?.length ? bucketUsersPolicy(props.bucketName, props.bucketUsers) : undefined,
      purgeData: props.purgeData ?? false,
    };
    this.resource = new AdminObject(this, 'Resource', {
      kind: 'rgw-bucket',
      endpoint: owner.endpoint.spec,
      identity: { bucket: props.bucketName },
      props: { ...request },
      reconcile: true,
      secretEnv: { [OWNER_SECRET_KEY_ENV]: props.owner.secretAccessKey },
      dependsOn: [props.owner.resource, ...(props.bucketUsers ?? []).map((u) => u.resource)],
    });
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
