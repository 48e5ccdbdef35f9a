import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { QuotaConfig, RGW_USER } from '../lib/schema/rgw';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { displayNameViolations, emailViolations } from '../lib/rules/contact';
import { QuotaSpec, quotaViolations, rgwCapsViolations, rgwUidViolations } from '../lib/rules/rgw-rules';
import { RgwEndpoint } from './admin-endpoint';

export { QuotaSpec };

export interface RgwUserProps {
  readonly endpoint: RgwEndpoint;
  /** The user id: letters, digits and `_ . @ + = -`, 1 to 64 characters. A change replaces the user. */
  readonly uid: string;
  readonly displayName: string;
  /** @default - none */
  readonly email?: string;
  /** @default - RGW's default (1000) */
  readonly maxBuckets?: number;
  /** A suspended user keeps its data but cannot authenticate. @default false */
  readonly suspended?: boolean;
  /** Limits over all the user's buckets together. @default - none */
  readonly userQuota?: QuotaSpec;
  /** Limits each bucket of the user gets. @default - none */
  readonly bucketQuota?: QuotaSpec;
  /** Admin capabilities, such as `usage=read;buckets=read`. @default - none */
  readonly caps?: string;
  /**
   * **Warning**: deleting the user then deletes its buckets and objects too. Without it, deleting a user who
   * still owns buckets fails with a message that lists them.
   * @default false
   */
  readonly purgeData?: boolean;
}

/**
 * A Ceph RGW user, managed through the Admin Ops API. Display name, email, max buckets, suspension, quotas
 * and caps change in place; a new uid is a new user.
 *
 * @example
 * const rgw = new RgwEndpoint({ url: 'https://rgw.example.com' });
 * const alice = new RgwUser(stack, 'Alice', { endpoint: rgw, uid: 'alice', displayName: 'Alice' });
 */
export class RgwUser extends Construct {
  readonly uid: string;
  readonly endpoint: RgwEndpoint;
  readonly resource: SchemaResource<typeof RGW_USER.attributes>;

  constructor(scope: Construct, id: string, props: RgwUserProps) {
    super(scope, id);
    checkProp(this, 'uid', props.uid, rgwUidViolations);
    checkProp(this, 'displayName', props.displayName, displayNameViolations);
    checkProp(this, 'email', props.email, emailViolations);
    checkProp(this, 'userQuota', props.userQuota, quotaViolations);
    checkProp(this, 'bucketQuota', props.bucketQuota, quotaViolations);
    checkProp(this, 'caps', props.caps, rgwCapsViolations);
    throwIfNotWholeNumber(this, 'maxBuckets', props.maxBuckets, 0);
    claimUniqueName(this, 'RGW user', props.endpoint.url, 'uid', props.uid);
    if (props.email) claimUniqueName(this, 'RGW user email', props.endpoint.url, 'email', props.email);
    this.uid = props.uid;
    this.endpoint = props.endpoint;
    this.resource = new SchemaResource(
      this,
      'Resource',
      RGW_USER,
      {
        uid: props.uid,
        display_name: props.displayName,
        email: props.email,
        max_buckets: props.maxBuckets,
        suspended: props.suspended ?? false,
        user_quota: quotaConfig(props.userQuota),
        bucket_quota: quotaConfig(props.bucketQuota),
        caps: props.caps,
        purge_data: props.purgeData ?? false,
      },
      { provider: props.endpoint.providerIn(this) },
    );
  }

  /** Adopts the existing user with this uid: the first deploy imports it, then manages it as declared. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'uid', this.uid));
  }
}

/** A quota in the provider's terms. */
export function quotaConfig(quota: QuotaSpec | undefined): QuotaConfig | undefined {
  return quota && { max_size_bytes: quota.maxSizeBytes, max_objects: quota.maxObjects };
}
