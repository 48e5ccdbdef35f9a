import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { VersityEndpoint } from '../constructs/admin-endpoint';
import { VersityBucketOwner } from '../constructs/versity-bucket-owner';
import { VersityUser } from '../constructs/versity-user';
import { VersityRole } from '../lib/schema/versity';

export interface VersityExampleProps {
  /** The admin port. @default - VERSITY_ADMIN_ENDPOINT, or http://127.0.0.1:7070 */
  readonly url?: string;
  /** Prefix of alice's access key id, so that two tenants (or two test runs) can share one gateway. @default 'foobar' */
  readonly tenant?: string;
  readonly aliceRole?: VersityRole;
  readonly aliceKeyRotation?: number;
  /** An existing bucket to give to alice. @default 'foobar-shared' */
  readonly sharedBucket?: string;
}

/**
 * VersityGW users and bucket ownership. Admin credentials come from VERSITY_ADMIN_ACCESS_KEY /
 * VERSITY_ADMIN_SECRET_KEY (the gateway's root account) when Terraform runs.
 */
export class VersityExampleStack extends TerraformStack {
  readonly alice: VersityUser;
  readonly bob: VersityUser;

  constructor(scope: Construct, id: string, props: VersityExampleProps = {}) {
    super(scope, id);
    const endpoint = new VersityEndpoint({ url: props.url ?? process.env.VERSITY_ADMIN_ENDPOINT ?? 'http://127.0.0.1:7070' });
    this.alice = new VersityUser(this, 'Alice', { endpoint, accessKeyId: `${props.tenant ?? 'foobar'}-alice`, role: props.aliceRole ?? 'user', userId: 1001, groupId: 1001, keyRotation: props.aliceKeyRotation });
    this.bob = new VersityUser(this, 'Bob', { endpoint, role: 'userplus' });
    new VersityBucketOwner(this, 'SharedOwner', { endpoint, bucketName: props.sharedBucket ?? 'foobar-shared', owner: this.alice });
    new TerraformOutput(this, 'alice_secret_access_key', { value: this.alice.secretAccessKey, sensitive: true });
    new TerraformOutput(this, 'bob_access_key_id', { value: this.bob.accessKeyId });
  }
}
