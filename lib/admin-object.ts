import { createHash } from 'node:crypto';
import { Fn, ITerraformDependable, Lazy, TerraformSelf } from 'cdktf';
import { Construct } from 'constructs';
import { handlerCommand } from './runtime/handler-asset';
import { EndpointSpec, HandlerRequest, REQUEST_ENV, ResourceKind } from './runtime/request';
import { replaceTriggeredBy } from './replace-triggered-by';
import { TerraformData } from './terraform-data';

export interface AdminObjectProps {
  readonly kind: ResourceKind;
  readonly endpoint: EndpointSpec;
  /** What names the object; a change replaces it (delete, then create; or the reverse with createBeforeDestroy). */
  readonly identity: Record<string, unknown>;
  /** The declared state the handler works from: the identity plus every mutable property. */
  readonly props: Record<string, unknown>;
  /** Whether the kind has mutable properties: adds the `Properties` resource that reconciles them. */
  readonly reconcile: boolean;
  /** Secrets for create and reconcile, by variable name (Terraform sensitive values; never in the request). */
  readonly secretEnv?: Record<string, string>;
  /** Create the replacement before deleting the old object (for keys: never a moment without one). */
  readonly createBeforeDestroy?: boolean;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One object on a non-AWS storage system, managed through the handler:
 * - `Object` (terraform_data) is keyed on the identity: created → `create`, destroyed → `delete`. The
 *   request it stores in `input` is what the destroy-time provisioner reads, since it may only use `self`.
 * - `Properties` (terraform_data) is keyed on a hash of the declared state: whenever it changes it is
 *   replaced, and its create-time provisioner runs `reconcile`, which updates the object in place.
 * Re-applying without a change plans nothing, so no call is made at all.
 */
export class AdminObject extends Construct {
  readonly object: TerraformData;
  readonly properties?: TerraformData;

  constructor(scope: Construct, id: string, props: AdminObjectProps) {
    super(scope, id);
    const command = handlerCommand(this);
    const request: HandlerRequest = { kind: props.kind, endpoint: props.endpoint, props: props.props };
    const requestJson = JSON.stringify(request);
    // Handed to the handler only (which never prints them). Left sensitive, they would make Terraform hide
    // everything the handler prints, its error messages included ("output suppressed due to sensitive
    // value in config"); the values themselves stay sensitive everywhere else.
    const secrets = Object.fromEntries(Object.entries(props.secretEnv ?? {}).map(([k, v]) => [k, Fn.nonsensitive(v)]));

    this.object = new TerraformData(this, 'Object', {
      triggersReplace: { kind: props.kind, endpoint: props.endpoint.url, ...props.identity },
      input: { request: requestJson },
      dependsOn: props.dependsOn,
      lifecycle: props.createBeforeDestroy ? { createBeforeDestroy: true } : undefined,
      provisioners: [
        { type: 'local-exec', command: `${command} create`, environment: { [REQUEST_ENV]: requestJson, ...secrets } },
        {
          type: 'local-exec',
          when: 'destroy',
          command: `${command} delete`,
          environment: { [REQUEST_ENV]: TerraformSelf.getString('input.request') },
        },
      ],
    });

    if (props.reconcile) {
      this.properties = new TerraformData(this, 'Properties', {
        // hashed once resolved, so token numbering (which shifts as a program grows) never counts as a change
        triggersReplace: {
          state: Lazy.stringValue({
            produce: (context) => createHash('sha256').update(JSON.stringify(context.resolve(request))).digest('hex'),
          }),
        },
        dependsOn: [this.object],
        provisioners: [
          { type: 'local-exec', command: `${command} reconcile`, environment: { [REQUEST_ENV]: requestJson, ...secrets } },
        ],
      });
      // a re-created object (after a taint, say) gets its properties applied again
      replaceTriggeredBy(this.properties, [this.object]);
    }
  }

  /** Depend on this to run after the object exists with its declared properties. */
  get ready(): ITerraformDependable {
    return this.properties ?? this.object;
  }
}
