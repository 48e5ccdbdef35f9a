import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
import { throwIfBroken, throwIfNotWholeNumber } from '../lib/errors';
import { GeneratedKeyPair } from '../lib/generated-key';
import { VersityRole } from '../lib/admin-api/versity-admin-client';
import { VersityUserProps as VersityUserRequest } from '../lib/runtime/operations/versity';
import { SECRET_KEY_ENV } from '../lib/runtime/request';
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

const ROLES: VersityRole[] = ['user', 'userplus', 'admin'];

/**
 * A VersityGW user (an access key id with a generated secret). Role, user id, group id and secret change in
 * place; a role change re-creates the account with the same keys, since the admin API cannot update roles.
 */
export class VersityUser extends Construct {
  /** @attribute */
  readonly accessKeyId: string;
  /** A sensitive Terraform value. @attribute */
  readonly secretAccessKey: string;
  readonly resource: AdminObject;

  constructor(scope: Construct, id: string, props: VersityUserProps) {
    super(scope, id);
    const role = props.role ?? 'user';
    if (!ROLES.includes(role)) throwIfBroken(this, 'role', role, [`must be one of ${ROLES.join(', ')}`]);
    throwIfNotWholeNumber(this, 'userId', props.userId, 0);
    throwIfNotWholeNumber(this, 'groupId', props.groupId, 0);
    throwIfNotWholeNumber(this, 'keyRotation', props.keyRotation, 1);
    if (props.accessKeyId !== undefined && !/^[A-Za-z0-9_.-]{3,128}$/.test(props.accessKeyId)) {
      throwIfBroken(this, 'accessKeyId', props.accessKeyId, ['must be 3 to 128 letters, digits and _ . -']);
    }
    // the access key id is the user's name: rotation changes the secret only, in place
    const pair = new GeneratedKeyPair(this, 'KeyPair', {
      generation: props.keyRotation ?? 1,
      accessKeyId: props.accessKeyId,
      keepAccessKeyId: true,
    });
    this.accessKeyId = pair.accessKeyId;
    this.secretAccessKey = pair.secretAccessKey;
    const request: VersityUserRequest = { accessKey: pair.accessKeyId, role, userId: props.userId ?? 0, groupId: props.groupId ?? 0 };
    this.resource = new AdminObject(this, 'Resource', {
      kind: 'versity-user',
      endpoint: props.endpoint.spec,
      identity: { accessKey: pair.accessKeyId },
      // the secret's generation is part of the declared state, so a rotation runs reconcile
      props: { ...request, secretGeneration: props.keyRotation ?? 1 },
      reconcile: true,
      secretEnv: { [SECRET_KEY_ENV]: pair.secretAccessKey },
    });
  }
}
