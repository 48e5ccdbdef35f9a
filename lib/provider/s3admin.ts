import { PROVIDER_CONFIG } from '../schema/provider-config';
import { ProviderDefinition } from './provider-definition';
import { rgwAccessKey } from './resources/rgw-access-key';
import { rgwUser } from './resources/rgw-user';

/** The provider every synthesized stack ships: one resource type per kind of object. */
export const S3ADMIN_PROVIDER: ProviderDefinition = {
  configSchema: PROVIDER_CONFIG,
  resources: [rgwUser, rgwAccessKey],
  documentation: 'the README of cdktf-s3-admin, "How the provider works"',
};
