import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp } from '../lib/synth/errors';
import { emailViolations } from '../lib/rules/contact';
import { OSTOR_USER } from '../lib/schema/ostor';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
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
  readonly resource: SchemaResource<typeof OSTOR_USER.attributes>;

  constructor(scope: Construct, id: string, props: OstorUserProps) {
    super(scope, id);
    checkProp(this, 'email', props.email, emailViolations);
    claimUniqueName(this, 'ostor user', props.endpoint.url, 'email', props.email);
    this.email = props.email;
    this.endpoint = props.endpoint;
    this.resource = new SchemaResource(
      this,
      'Resource',
      OSTOR_USER,
      { email: props.email, enabled: props.enabled ?? true, purge_data: props.purgeData ?? false },
      { provider: props.endpoint.providerIn(this) },
    );
  }

  /** @attribute the id ostor assigned */
  get userId(): string {
    return this.resource.attribute('user_id');
  }

  /** Adopts the existing user with this email. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'email', this.email));
  }
}
