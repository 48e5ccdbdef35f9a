import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { displayNameViolations, emailViolations } from '../lib/rules/contact';
import { STORJ_USER } from '../lib/schema/storj';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { StorjEndpoint } from './admin-endpoint';

export interface StorjUserProps {
  readonly endpoint: StorjEndpoint;
  /** The email address that names the user. A change renames the user in place. */
  readonly email: string;
  readonly fullName: string;
  /** @default - none */
  readonly shortName?: string;
  /** Most projects the user may own. @default - the satellite's default */
  readonly projectLimit?: number;
  /** A frozen account can neither upload nor download (freeze / unfreeze, in place). @default false */
  readonly frozen?: boolean;
}

/**
 * A user of a Storj satellite, made through its admin API with a first password the provider generates
 * (`initialPassword`, sensitive) for the user to change in the console.
 *
 * @example
 * const satellite = new StorjEndpoint({ url: 'https://satellite-admin.example.com' });
 * const alice = new StorjUser(stack, 'Alice', { endpoint: satellite, email: 'alice@example.com', fullName: 'Alice' });
 */
export class StorjUser extends Construct {
  readonly email: string;
  readonly endpoint: StorjEndpoint;
  readonly resource: SchemaResource<typeof STORJ_USER.attributes>;

  constructor(scope: Construct, id: string, props: StorjUserProps) {
    super(scope, id);
    checkProp(this, 'email', props.email, emailViolations);
    checkProp(this, 'fullName', props.fullName, displayNameViolations);
    checkProp(this, 'shortName', props.shortName, displayNameViolations);
    throwIfNotWholeNumber(this, 'projectLimit', props.projectLimit, 0);
    claimUniqueName(this, 'Storj user', props.endpoint.url, 'email', props.email);
    this.email = props.email;
    this.endpoint = props.endpoint;
    this.resource = new SchemaResource(
      this,
      'Resource',
      STORJ_USER,
      { email: props.email, full_name: props.fullName, short_name: props.shortName, project_limit: props.projectLimit, frozen: props.frozen ?? false },
      { provider: props.endpoint.providerIn(this) },
    );
  }

  /** @attribute the id the satellite assigned */
  get userId(): string {
    return this.resource.attribute('user_id');
  }

  /** @attribute the first password (sensitive) */
  get initialPassword(): string {
    return this.resource.attribute('password');
  }

  /** Adopts the existing user with this email. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'email', this.email));
  }
}
