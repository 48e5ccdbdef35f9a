import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
import { throwIfBroken } from '../lib/errors';
import { emailViolations } from '../lib/naming/contact';
import { OstorUserProps as OstorUserRequest } from '../lib/runtime/operations/ostor';
import { OstorEndpoint } from './admin-endpoint';

export interface OstorUserProps {
  readonly endpoint: OstorEndpoint;
  /** The user's email address, which names it in the ostor API. A change replaces the user. */
  readonly email: string;
  /** A disabled user keeps its data but cannot authenticate. @default true */
  readonly enabled?: boolean;
  /** **Warning**: deleting the user then deletes its (empty) buckets too. @default false */
  readonly purgeData?: boolean;
}

/**
 * An ostor S3 user (`?ostor-users`). ostor assigns the user id itself. The key pair ostor gives every new
 * user is revoked at once: keys are declared with `OstorAccessKey`.
 */
export class OstorUser extends Construct {
  readonly email: string;
  readonly endpoint: OstorEndpoint;
  readonly resource: AdminObject;

  constructor(scope: Construct, id: string, props: OstorUserProps) {
    super(scope, id);
    throwIfBroken(this, 'email', props.email, emailViolations(props.email));
    this.email = props.email;
    this.endpoint = props.endpoint;
    const request: OstorUserRequest = { email: props.email, enabled: props.enabled ?? true, purgeData: props.purgeData ?? false };
    this.resource = new AdminObject(this, 'Resource', {
      kind: 'ostor-user',
      endpoint: props.endpoint.spec,
      identity: { email: props.email },
      props: { ...request },
      reconcile: true,
    });
  }
}
