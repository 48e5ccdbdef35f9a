import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { RgwEndpoint } from '../constructs/admin-endpoint';
import { RgwAccessKey } from '../constructs/rgw-access-key';
import { RgwBucket } from '../constructs/rgw-bucket';
import { RgwUser } from '../constructs/rgw-user';

export interface RgwExampleProps {
  /** @default - RGW_ENDPOINT, or http://127.0.0.1:7480 */
  readonly url?: string;
  /** Prefix of every user and bucket name, so that two tenants (or two test runs) can share one RGW. @default 'foobar' */
  readonly tenant?: string;
  readonly displayName?: string;
  readonly keyRotation?: number;
  readonly quotaMaxObjects?: number;
  readonly bucketTags?: Record<string, string>;
}

/**
 * A Ceph RGW tenant: an owner with a key and a bucket, and a second user who works in that bucket. Admin
 * credentials come from RGW_ADMIN_ACCESS_KEY / RGW_ADMIN_SECRET_KEY when Terraform runs.
 */
export class RgwExampleStack extends TerraformStack {
  readonly owner: RgwUser;
  readonly ownerKey: RgwAccessKey;

  constructor(scope: Construct, id: string, props: RgwExampleProps = {}) {
    super(scope, id);
    const tenant = props.tenant ?? 'foobar';
    const endpoint = new RgwEndpoint({ url: props.url ?? process.env.RGW_ENDPOINT ?? 'http://127.0.0.1:7480' });
    this.owner = new RgwUser(this, 'Owner', {
      endpoint,
      uid: `${tenant}-owner`,
      displayName: props.displayName ?? 'Foobar owner',
      email: `owner@${tenant}.example`,
      maxBuckets: 10,
      userQuota: { maxSizeBytes: 10 * 1024 ** 3, maxObjects: props.quotaMaxObjects ?? 100_000 },
    });
    this.ownerKey = new RgwAccessKey(this, 'OwnerKey', { user: this.owner, keyRotation: props.keyRotation });
    const analyst = new RgwUser(this, 'Analyst', { endpoint, uid: `${tenant}-analyst`, displayName: 'Foobar analyst' });
    new RgwAccessKey(this, 'AnalystKey', { user: analyst });
    new RgwBucket(this, 'Data', {
      bucketName: `${tenant}-data`,
      owner: this.ownerKey,
      tags: props.bucketTags ?? { Application: 'HowToGet', CreatedBy: 'Big Bird' },
      quota: { maxObjects: 50_000 },
      bucketUsers: [analyst],
    });
    new TerraformOutput(this, 'owner_access_key_id', { value: this.ownerKey.accessKeyId });
    new TerraformOutput(this, 'owner_secret_access_key', { value: this.ownerKey.secretAccessKey, sensitive: true });
  }
}
