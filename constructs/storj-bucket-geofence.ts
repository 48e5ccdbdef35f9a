import { Construct } from 'constructs';
import { checkProp } from '../lib/synth/errors';
import { bucketNameViolations } from '../lib/rules/bucket-name';
import { oneOf } from '../lib/schema/checks';
import { STORJ_BUCKET_GEOFENCE, StorjRegion, STORJ_REGIONS } from '../lib/schema/storj';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { StorjProject } from './storj-project';

export interface StorjBucketGeofenceProps {
  readonly project: StorjProject;
  /** An existing, EMPTY bucket of the project. */
  readonly bucketName: string;
  /** `EU`, `EEA`, `US` or `DE`. */
  readonly region: StorjRegion;
}

/**
 * Pins a Storj bucket's data to a region. The satellite accepts this only for an empty bucket: declare it
 * before the first upload. A refusal fails the deploy with the satellite's reason and leaves nothing
 * half-applied; removing the declaration removes the geofence (again, empty buckets only).
 */
export class StorjBucketGeofence extends Construct {
  readonly resource: SchemaResource<typeof STORJ_BUCKET_GEOFENCE.attributes>;

  constructor(scope: Construct, id: string, props: StorjBucketGeofenceProps) {
    super(scope, id);
    checkProp(this, 'bucketName', props.bucketName, bucketNameViolations);
    checkProp(this, 'region', props.region, oneOf(STORJ_REGIONS));
    claimUniqueName(this, 'Storj bucket geofence', `project ${props.project.node.path}`, 'bucketName', props.bucketName);
    this.resource = new SchemaResource(
      this,
      'Resource',
      STORJ_BUCKET_GEOFENCE,
      { project_id: props.project.projectId, bucket: props.bucketName, region: props.region },
      { provider: props.project.owner.endpoint.providerIn(this) },
    );
  }
}
