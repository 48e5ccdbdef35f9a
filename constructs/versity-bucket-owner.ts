import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp } from '../lib/synth/errors';
import { bucketNameViolations } from '../lib/rules/bucket-name';
import { VERSITY_BUCKET_OWNER } from '../lib/schema/versity';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { VersityEndpoint } from './admin-endpoint';
import { VersityUser } from './versity-user';

export interface VersityBucketOwnerProps {
  readonly endpoint: VersityEndpoint;
  /** An existing bucket on the gateway. */
  readonly bucketName: string;
  readonly owner: VersityUser;
}

/**
 * Makes a VersityGW user the owner of an existing bucket (change-bucket-owner). Removing the declaration
 * gives the bucket back to the admin account that runs the deploy, so the user can then be deleted.
 */
export class VersityBucketOwner extends Construct {
  readonly bucketName: string;
  readonly resource: SchemaResource<typeof VERSITY_BUCKET_OWNER.attributes>;

  constructor(scope: Construct, id: string, props: VersityBucketOwnerProps) {
    super(scope, id);
    checkProp(this, 'bucketName', props.bucketName, bucketNameViolations);
    claimUniqueName(this, 'VersityGW bucket owner', props.endpoint.url, 'bucketName', props.bucketName);
    this.bucketName = props.bucketName;
    this.resource = new SchemaResource(
      this,
      'Resource',
      VERSITY_BUCKET_OWNER,
      { bucket: props.bucketName, owner: props.owner.accessKeyId },
      { provider: props.endpoint.providerIn(this), dependsOn: [props.owner.resource] },
    );
  }

  /** Adopts the bucket's current ownership; the next deploy gives it to the declared owner if it differs. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'bucketName', this.bucketName));
  }
}
