import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
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
  readonly resource: AdminObject;

  constructor(scope: Construct, id: string, props: VersityBucketOwnerProps) {
    super(scope, id);
    this.resource = new AdminObject(this, 'Resource', {
      kind: 'versity-bucket-owner',
      endpoint: props.endpoint.spec,
      identity: { bucket: props.bucketName },
      props: { bucket: props.bucketName, owner: props.owner.accessKeyId },
      reconcile: true,
      dependsOn: [props.owner.resource.ready],
    });
  }
}
