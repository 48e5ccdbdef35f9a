import { Construct } from 'constructs';
import { literal } from '../lib/synth/import-ids';
import { checkProp } from '../lib/synth/errors';
import { rgwUidViolations } from '../lib/rules/rgw-rules';
import { oneOf } from '../lib/schema/checks';
import { RGW_SUBUSER, RGW_SUBUSER_ACCESS } from '../lib/schema/rgw';
import { SchemaResource } from '../lib/synth/schema-resource';
import { claimUniqueName } from '../lib/synth/unique-names';
import { RgwUser } from './rgw-user';

export type RgwSubuserAccess = (typeof RGW_SUBUSER_ACCESS)[number];

export interface RgwSubuserProps {
  readonly user: RgwUser;
  /** The subuser's name, the part after the colon of `uid:name`. A change makes a new subuser. */
  readonly name: string;
  /** What the subuser may do: `read`, `write`, `readwrite` or `full`; changed in place. @default 'full' */
  readonly access?: RgwSubuserAccess;
}

/**
 * A subuser of an RGW user (`uid:name`) with an S3 key pair RGW generates, as the express RGW account API
 * hands one out per account: an application's own credentials under the account, with an access level.
 */
export class RgwSubuser extends Construct {
  readonly subuserId: string;
  /** @attribute */
  readonly accessKeyId: string;
  /** A sensitive Terraform value. @attribute */
  readonly secretAccessKey: string;
  readonly resource: SchemaResource<typeof RGW_SUBUSER.attributes>;

  constructor(scope: Construct, id: string, props: RgwSubuserProps) {
    super(scope, id);
    checkProp(this, 'name', props.name, rgwUidViolations);
    checkProp(this, 'access', props.access, oneOf(RGW_SUBUSER_ACCESS));
    this.subuserId = `${props.user.uid}:${props.name}`;
    claimUniqueName(this, 'RGW subuser', props.user.endpoint.url, 'name', this.subuserId);
    this.resource = new SchemaResource(
      this,
      'Resource',
      RGW_SUBUSER,
      { uid: props.user.uid, subuser: props.name, access: props.access ?? 'full' },
      { provider: props.user.endpoint.providerIn(this), dependsOn: [props.user.resource] },
    );
    this.accessKeyId = this.resource.attribute('access_key_id');
    this.secretAccessKey = this.resource.attribute('secret_access_key');
  }

  /** Adopts the existing subuser `uid:name`. */
  importExisting(): void {
    this.resource.importFrom(literal(this, 'subuserId', this.subuserId));
  }
}
