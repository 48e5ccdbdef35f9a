import { CredentialSource } from '../admin-api/credentials';
import { SigningVersion } from '../admin-api/signed-http-client';

/**
 * What a custom resource asks the handler to do. Shared by the constructs (which serialize it) and the
 * handler (which reads it); it holds no secret: those travel in the variables named below.
 */
export interface HandlerRequest {
  /** The object type, such as `rgw-user`; picks the operation module. */
  readonly kind: ResourceKind;
  readonly endpoint: EndpointSpec;
  /** The object's declared state, in the kind's own terms. */
  readonly props: Record<string, unknown>;
}

export type ResourceKind =
  | 'rgw-user'
  | 'rgw-key'
  | 'rgw-bucket'
  | 'versity-user'
  | 'versity-bucket-owner'
  | 'ostor-user'
  | 'ostor-key'
  | 'ostor-key-binding'
  | 'cloudfront-invalidation';

/** create: make sure the object exists; reconcile: bring its mutable properties to the declared state; delete. */
export type Action = 'create' | 'reconcile' | 'delete';

export const ACTIONS: readonly Action[] = ['create', 'reconcile', 'delete'];

/**
 * The data-source action: Terraform's `external` data source runs `handler read` with `{"request": ...}` on
 * stdin and takes the JSON object of strings it prints.
 */
export const READ_ACTION = 'read';

export interface EndpointSpec {
  readonly url: string;
  readonly region?: string;
  readonly signing?: SigningVersion;
  readonly credentials: CredentialSource;
}

/** Variable that carries the request JSON from Terraform to the handler. */
export const REQUEST_ENV = 'S3ADMIN_REQUEST';
/** Variable with the secret of the key being created (a Terraform sensitive value). */
export const SECRET_KEY_ENV = 'S3ADMIN_SECRET_KEY';
/** Variable with the secret of the bucket owner's key, for S3 calls made as the owner. */
export const OWNER_SECRET_KEY_ENV = 'S3ADMIN_OWNER_SECRET_KEY';
