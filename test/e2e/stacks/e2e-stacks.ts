import { Construct } from 'constructs';
import { OstorEndpoint, VersityEndpoint } from '../../../constructs/admin-endpoint';
import { OstorUser } from '../../../constructs/ostor-user';
import { RgwUser } from '../../../constructs/rgw-user';
import { StorjBucketGeofence } from '../../../constructs/storj-bucket-geofence';
import { StorjProject } from '../../../constructs/storj-project';
import { VersityUser } from '../../../constructs/versity-user';
import { OstorExampleProps, OstorExampleStack } from '../../../stacks/ostor-example';
import { RgwExampleProps, RgwExampleStack } from '../../../stacks/rgw-example';
import { StorjExampleProps, StorjExampleStack } from '../../../stacks/storj-example';
import { StorjRegion } from '../../../lib/schema/storj';
import { VersityExampleProps, VersityExampleStack } from '../../../stacks/versity-example';

/*
 * The example stacks as the end-to-end suites deploy them, with one addition each: a user (on Storj, a
 * project) that exists before the stack does, adopted with importExisting() (the first deploy imports it,
 * later deploys manage it).
 */

export interface RgwE2eProps extends RgwExampleProps {
  /** The uid of a user made outside Terraform, to adopt. @default - none */
  readonly adoptUid?: string;
  readonly adoptDisplayName?: string;
}

export class RgwE2eStack extends RgwExampleStack {
  constructor(scope: Construct, id: string, props: RgwE2eProps = {}) {
    super(scope, id, props);
    if (props.adoptUid) {
      const adopted = new RgwUser(this, 'Adopted', { endpoint: this.owner.endpoint, uid: props.adoptUid, displayName: props.adoptDisplayName ?? 'Adopted' });
      adopted.importExisting();
    }
  }
}

export interface VersityE2eProps extends VersityExampleProps {
  /** The access key id of a user made outside Terraform, to adopt (role `user`, ids 0). @default - none */
  readonly adoptAccessKeyId?: string;
}

export class VersityE2eStack extends VersityExampleStack {
  constructor(scope: Construct, id: string, props: VersityE2eProps = {}) {
    super(scope, id, props);
    if (props.adoptAccessKeyId) {
      // the same URL makes the same endpoint name, so the same provider configuration
      const endpoint = new VersityEndpoint({ url: props.url ?? process.env.VERSITY_ADMIN_ENDPOINT ?? 'http://127.0.0.1:7070' });
      const adopted = new VersityUser(this, 'Adopted', { endpoint, accessKeyId: props.adoptAccessKeyId, role: 'user' });
      adopted.importExisting(props.adoptAccessKeyId);
    }
  }
}

export interface OstorE2eProps extends OstorExampleProps {
  /** The email of a user made outside Terraform, to adopt. @default - none */
  readonly adoptEmail?: string;
}

export class OstorE2eStack extends OstorExampleStack {
  constructor(scope: Construct, id: string, props: OstorE2eProps = {}) {
    super(scope, id, props);
    if (props.adoptEmail) {
      const endpoint = new OstorEndpoint({ url: props.url ?? process.env.OSTOR_ENDPOINT ?? 'http://127.0.0.1:8080' });
      const adopted = new OstorUser(this, 'Adopted', { endpoint, email: props.adoptEmail });
      adopted.importExisting();
    }
  }
}

export interface StorjE2eProps extends StorjExampleProps {
  /** A project the owner has from before the stack, to adopt. @default - none */
  readonly adopt?: { readonly projectId: string; readonly name: string };
  /** More geofences than the example's EU one: bucket name to region. @default - none */
  readonly moreGeofences?: Record<string, StorjRegion>;
}

export class StorjE2eStack extends StorjExampleStack {
  constructor(scope: Construct, id: string, props: StorjE2eProps = {}) {
    super(scope, id, props);
    if (props.adopt) {
      const adopted = new StorjProject(this, 'Adopted', { owner: this.owner, name: props.adopt.name });
      adopted.importExisting(props.adopt.projectId);
    }
    for (const [bucketName, region] of Object.entries(props.moreGeofences ?? {})) {
      new StorjBucketGeofence(this, `Geofence-${bucketName}`, { project: this.project, bucketName, region });
    }
  }
}
