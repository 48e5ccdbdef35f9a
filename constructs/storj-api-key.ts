import { Construct } from 'constructs';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { STORJ_API_KEY, storjKeyNameViolations } from '../lib/schema/storj';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { StorjProject } from './storj-project';

export interface StorjApiKeyProps {
  readonly project: StorjProject;
  /** The key's name in the project. A change makes a new key. */
  readonly name: string;
  /**
   * The key's generation: raising it makes a new key (named `<name>-r<rotation>`) before the old one is
   * deleted. @default 1
   */
  readonly rotation?: number;
}

/** An API key of a Storj project; the serialized key the satellite returns is a sensitive attribute. */
export class StorjApiKey extends Construct {
  /** The serialized key (sensitive). @attribute */
  readonly apiKey: string;
  readonly resource: SchemaResource<typeof STORJ_API_KEY.attributes>;

  constructor(scope: Construct, id: string, props: StorjApiKeyProps) {
    super(scope, id);
    checkProp(this, 'name', props.name, storjKeyNameViolations);
    throwIfNotWholeNumber(this, 'rotation', props.rotation, 1);
    claimUniqueName(this, 'Storj API key', `project ${props.project.node.path}`, 'name', props.name);
    this.resource = new SchemaResource(
      this,
      'Resource',
      STORJ_API_KEY,
      { project_id: props.project.projectId, name: props.name, rotation: props.rotation ?? 1 },
      { provider: props.project.owner.endpoint.providerIn(this), lifecycle: { createBeforeDestroy: true } },
    );
    this.apiKey = this.resource.attribute('api_key');
  }
}
