import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { OstorEndpoint } from '../constructs/admin-endpoint';
import { OstorAccessKey } from '../constructs/ostor-access-key';
import { OstorUser } from '../constructs/ostor-user';

export interface OstorExampleProps {
  /** @default - OSTOR_ENDPOINT, or http://127.0.0.1:8080 */
  readonly url?: string;
  readonly enabled?: boolean;
  readonly keyRotation?: number;
}

/** An ostor customer with one key pair. Admin credentials from OSTOR_ADMIN_ACCESS_KEY / OSTOR_ADMIN_SECRET_KEY. */
export class OstorExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: OstorExampleProps = {}) {
    super(scope, id);
    const endpoint = new OstorEndpoint({ url: props.url ?? process.env.OSTOR_ENDPOINT ?? 'http://127.0.0.1:8080' });
    const client = new OstorUser(this, 'Client', { endpoint, email: 'client@example.com', enabled: props.enabled });
    const key = new OstorAccessKey(this, 'ClientKey', { user: client, keyRotation: props.keyRotation });
    new TerraformOutput(this, 'client_access_key_id', { value: key.accessKeyId });
    new TerraformOutput(this, 'client_secret_access_key', { value: key.secretAccessKey, sensitive: true });
  }
}
