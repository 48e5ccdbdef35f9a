import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StorjApiLayout, StorjEndpoint } from '../constructs/admin-endpoint';
import { StorjApiKey } from '../constructs/storj-api-key';
import { StorjBucketGeofence } from '../constructs/storj-bucket-geofence';
import { StorjProject } from '../constructs/storj-project';
import { StorjUser } from '../constructs/storj-user';

export interface StorjExampleProps {
  /** @default - STORJ_ADMIN_ENDPOINT, or http://127.0.0.1:10005 */
  readonly url?: string;
  readonly apiLayout?: StorjApiLayout;
  /** Prefix of every email and name, so that two tenants (or two test runs) can share one satellite. @default 'foobar' */
  readonly tenant?: string;
  readonly storageBytes?: number;
  readonly frozen?: boolean;
  readonly keyRotation?: number;
  /** An existing empty bucket of the project to pin to the EU. @default - none */
  readonly euBucket?: string;
}

/**
 * A Storj customer: a user, a project with limits, an API key, and (when a bucket is named) an EU geofence.
 * The admin token comes from STORJ_ADMIN_TOKEN when Terraform runs.
 */
export class StorjExampleStack extends TerraformStack {
  readonly owner: StorjUser;
  readonly project: StorjProject;

  constructor(scope: Construct, id: string, props: StorjExampleProps = {}) {
    super(scope, id);
    const tenant = props.tenant ?? 'foobar';
    const satellite = new StorjEndpoint({ url: props.url ?? process.env.STORJ_ADMIN_ENDPOINT ?? 'http://127.0.0.1:10005', apiLayout: props.apiLayout });
    const owner = new StorjUser(this, 'Owner', { endpoint: satellite, email: `owner@${tenant}.example`, fullName: 'Foobar owner', projectLimit: 3, frozen: props.frozen });
    const project = new StorjProject(this, 'Project', {
      owner,
      name: `${tenant}-data`,
      description: 'What HowToGet stores',
      limits: { storageBytes: props.storageBytes ?? 50 * 1000 ** 3, bandwidthBytes: 100 * 1000 ** 3, buckets: 10 },
    });
    this.owner = owner;
    this.project = project;
    const key = new StorjApiKey(this, 'AppKey', { project, name: 'app', rotation: props.keyRotation });
    if (props.euBucket) new StorjBucketGeofence(this, 'EuData', { project, bucketName: props.euBucket, region: 'EU' });
    new TerraformOutput(this, 'project_id', { value: project.projectId });
    new TerraformOutput(this, 'api_key', { value: key.apiKey, sensitive: true });
  }
}
