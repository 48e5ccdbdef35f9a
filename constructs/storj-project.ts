import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { STORJ_PROJECT, storjDescriptionViolations, StorjProjectLimits, storjProjectNameViolations } from '../lib/schema/storj';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { StorjUser } from './storj-user';

export type { StorjProjectLimits };

export interface StorjProjectProps {
  readonly owner: StorjUser;
  /** The project name (1 to 20 characters, the console's rule); changed in place. */
  readonly name: string;
  /** At most 100 characters; changed in place. @default '' */
  readonly description?: string;
  /** Each limit left out keeps the satellite's default. @default - the satellite's defaults */
  readonly limits?: StorjProjectLimits;
}

/**
 * A project of a Storj user with its limits. Name, description and limits change in place; a new owner is a
 * new project. Deleting a project with usage this month fails with the satellite's own reason.
 */
export class StorjProject extends Construct {
  readonly owner: StorjUser;
  readonly resource: SchemaResource<typeof STORJ_PROJECT.attributes>;

  constructor(scope: Construct, id: string, props: StorjProjectProps) {
    super(scope, id);
    checkProp(this, 'name', props.name, storjProjectNameViolations);
    checkProp(this, 'description', props.description, storjDescriptionViolations);
    const limits = props.limits ?? {};
    for (const [field, value] of Object.entries(limits)) throwIfNotWholeNumber(this, `limits.${field}`, value, 0);
    claimUniqueName(this, 'Storj project', `${props.owner.endpoint.url} (owner ${props.owner.email})`, 'name', props.name);
    this.owner = props.owner;
    this.resource = new SchemaResource(
      this,
      'Resource',
      STORJ_PROJECT,
      {
        owner_id: props.owner.userId,
        owner_email: props.owner.email,
        name: props.name,
        description: props.description ?? '',
        storage_bytes: limits.storageBytes,
        bandwidth_bytes: limits.bandwidthBytes,
        segments: limits.segments,
        buckets: limits.buckets,
        rate: limits.rate,
        burst: limits.burst,
      },
      { provider: props.owner.endpoint.providerIn(this) },
    );
  }

  /** @attribute the id the satellite assigned */
  get projectId(): string {
    return this.resource.attribute('project_id');
  }

  /** Adopts the existing project with this id; the satellite must name this construct's owner as its owner. */
  importExisting(projectId: string): void {
    const id = literal(this, 'projectId', projectId);
    // with the owner's email in the id, the first plan after the import shows no change
    this.resource.importFrom(Token.isUnresolved(this.owner.email) ? id : `${this.owner.email}/${id}`);
  }
}
