import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { throwIfNotWholeNumber } from '../lib/synth/errors';
import { OSTOR_ACCESS_KEY } from '../lib/schema/ostor';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { OstorUser } from './ostor-user';

export interface OstorAccessKeyProps {
  readonly user: OstorUser;
  /**
   * The key's generation: raising it generates a new pair (genKey) before the old one is revoked, so the
   * user is never without a working key; ostor allows two pairs, exactly what the swap needs.
   * @default 1
   */
  readonly keyRotation?: number;
}

/**
 * A key pair of an ostor user. ostor generates both the id and the secret; the provider keeps the secret as
 * a sensitive value. One OstorAccessKey per user (ostor allows two pairs, and a rotation needs the second).
 */
export class OstorAccessKey extends Construct {
  /** @attribute */
  readonly accessKeyId: string;
  /** A sensitive Terraform value. @attribute */
  readonly secretAccessKey: string;
  readonly resource: SchemaResource<typeof OSTOR_ACCESS_KEY.attributes>;

  constructor(scope: Construct, id: string, props: OstorAccessKeyProps) {
    super(scope, id);
    throwIfNotWholeNumber(this, 'keyRotation', props.keyRotation, 1);
    // ostor allows two pairs, and a rotation needs the second: one managed key per user
    claimUniqueName(this, 'ostor access key', props.user.endpoint.url, 'user', props.user.email);
    this.resource = new SchemaResource(
      this,
      'Resource',
      OSTOR_ACCESS_KEY,
      { email: props.user.email, rotation: props.keyRotation ?? 1 },
      { provider: props.user.endpoint.providerIn(this), dependsOn: [props.user.resource], lifecycle: { createBeforeDestroy: true } },
    );
    this.accessKeyId = this.resource.attribute('access_key_id');
    this.secretAccessKey = this.resource.attribute('secret_access_key');
  }

  /** Adopts the user's existing key pair with this id. */
  importExisting(accessKeyId: string): void {
    this.resource.importFrom(literal(this, 'accessKeyId', accessKeyId));
  }
}
