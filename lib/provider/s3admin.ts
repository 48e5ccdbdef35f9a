import { PROVIDER_CONFIG } from '../schema/provider-config';
import { ProviderDefinition } from './provider-definition';
import { cloudfrontInvalidation } from './resources/cloudfront-invalidation';
import { ostorAccessKey, ostorUser } from './resources/ostor';
import { rgwAccessKey } from './resources/rgw-access-key';
import { rgwBucket } from './resources/rgw-bucket';
import { rgwSubuser } from './resources/rgw-subuser';
import { rgwUser } from './resources/rgw-user';
import { storjApiKey, storjBucketGeofence, storjProject, storjUser } from './resources/storj';
import { versityBucketOwner, versityUser } from './resources/versity';

/** The provider every synthesized stack ships: one resource type per kind of object. */
export const S3ADMIN_PROVIDER: ProviderDefinition = {
  configSchema: PROVIDER_CONFIG,
  resources: [rgwUser, rgwAccessKey, rgwSubuser, rgwBucket, ostorUser, ostorAccessKey, versityUser, versityBucketOwner, storjUser, storjProject, storjApiKey, storjBucketGeofence, cloudfrontInvalidation],
  documentation: 'the README of cdktf-s3-admin, "How the provider works"',
};
