import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { oneOf } from '../lib/schema/checks';
import { VERSITY_ROLES, VERSITY_USER, VersityRole, versityAccessKeyViolations } from '../lib/schema/versity';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { VersityEndpoint } from './admin-endpoint';

export interface VersityUserProps {
  readonly endpoint: VersityEndpoint;
  /** The user's access key id, which is also its name in VersityGW. @default - generated (20 characters) */
  readonly accessKeyId?: string;
  /** @default 'user' */
  readonly role?: VersityRole;
  /** POSIX user id the gateway maps the user to. @default 0 */
  readonly userId?: number;
  /** POSIX group id. @default 0 */
  readonly groupId?: number;
  /** Raising it generates a new secret, set in place with update-user. @default 1 */
  readonly keyRotation?: number;
}

/**
 * A VersityGW user (an access key id with a secret the provider generates). Role, user id, group id and
 * secret change in place; a role change re-creates the account with the same keys, since the admin API
 * cannot update roles.
 */
export class VersityUser extends Construct {
  /** @attribute */
  readonly accessKeyId: string;
  /** A sensitive Terraform value. @attribute */
  readonly secretAccessKey: string;
  readonly resource: SchemaResource<typeof VERSITY_USER.attributes>;

  constructor(scope: Construct, id: string, props: VersityUserProps) {
    super(scope, id);
    checkProp(this, 'role', props.role, oneOf(VERSITY_ROLES));
    throwIfNotWholeNumber(this, 'userId', props.userId, 0);
    throwIfNotWholeNumber(this, 'groupId', props.groupId, 0);
    throwIfNotWholeNumber(this, 'keyRotation', props.keyRotation, 1);
    checkProp(this, 'accessKeyId', props.accessKeyId, versityAccessKeyViolations);
    if (props.accessKeyId) claimUniqueName(this, 'VersityGW user', props.endpoint.url, 'accessKeyId', props.accessKeyId);
    this.resource = new SchemaResource(
      this,
      'Resource',
      VERSITY_USER,
      {
        access_key_id: props.accessKeyId,
        rotation: props.keyRotation ?? 1,
        role: props.role ?? 'user',
        user_id: props.userId ?? 0,
        group_id: props.groupId ?? 0,
      },
      { provider: props.endpoint.providerIn(this) },
    );
    this.accessKeyId = this.resource.attribute('access_key_id');
    this.secretAccessKey = this.resource.attribute('secret_access_key');
  }

  /** Adopts the existing user with this access key id (give the same id as `accessKeyId`). */
  importExisting(accessKeyId: string): void {
    this.resource.importFrom(literal(this, 'accessKeyId', accessKeyId));
  }
}
