import { DataExternal } from '@cdktf/provider-external/lib/data-external';
import { ExternalProvider } from '@cdktf/provider-external/lib/provider';
import { Fn, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
import { throwIfNotWholeNumber } from '../lib/errors';
import { handlerAssetPath } from '../lib/runtime/handler-asset';
import { HandlerRequest, READ_ACTION } from '../lib/runtime/request';
import { OstorUser } from './ostor-user';

export interface OstorAccessKeyProps {
  readonly user: OstorUser;
  /**
   * The key's generation: raising it generates a new pair (genKey) and then revokes the old one, so the user
   * is never without a working key; ostor allows two pairs, exactly what the swap needs.
   * @default 1
   */
  readonly keyRotation?: number;
}

function ensureExternalProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild('external')) new ExternalProvider(stack, 'external');
}

/**
 * The key pair of an ostor user. ostor generates both the id and the secret, so they are read back by an
 * `external` data source that runs the same handler; a third resource remembers the id, so that deleting the
 * key revokes exactly that pair. One OstorAccessKey per user.
 */
export class OstorAccessKey extends Construct {
  /** @attribute */
  readonly accessKeyId: string;
  /** Marked sensitive with Terraform's sensitive(). @attribute */
  readonly secretAccessKey: string;

  constructor(scope: Construct, id: string, props: OstorAccessKeyProps) {
    super(scope, id);
    throwIfNotWholeNumber(this, 'keyRotation', props.keyRotation, 1);
    const rotation = props.keyRotation ?? 1;
    ensureExternalProvider(this);
    const { email, endpoint } = props.user;

    const key = new AdminObject(this, 'Key', {
      kind: 'ostor-key',
      endpoint: endpoint.spec,
      identity: { email, generation: rotation },
      props: { email },
      reconcile: false,
      createBeforeDestroy: true,
      dependsOn: [props.user.resource.ready],
    });
    const readRequest: HandlerRequest = { kind: 'ostor-key', endpoint: endpoint.spec, props: { email } };
    const current = new DataExternal(this, 'Current', {
      program: ['node', handlerAssetPath(this), READ_ACTION],
      query: { request: JSON.stringify(readRequest), generation: String(rotation) },
      dependsOn: [key.object],
    });
    this.accessKeyId = current.result.lookup('accessKeyId');
    this.secretAccessKey = Fn.sensitive(current.result.lookup('secretAccessKey'));

    new AdminObject(this, 'Binding', {
      kind: 'ostor-key-binding',
      endpoint: endpoint.spec,
      identity: { email, accessKeyId: this.accessKeyId },
      props: { email, accessKeyId: this.accessKeyId },
      reconcile: false,
      // the new binding must exist before the old one revokes its (already replaced) pair
      createBeforeDestroy: true,
      dependsOn: [key.object],
    });
  }
}
