import { bucketArn, bucketObjectsArn, PolicyStatement, renderPolicy } from './policy-document';

/**
 * Bucket-level actions the bucket admin policy grants: exactly the list of the REST service this library
 * replaces, so that users moved from it keep the same rights.
 */
export const BUCKET_ADMIN_BUCKET_ACTIONS: readonly string[] = [
  's3:AbortMultipartUpload',
  's3:DeleteBucketWebsite',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:GetAccelerateConfiguration',
  's3:GetBucketAcl',
  's3:GetBucketCORS',
  's3:GetBucketLocation',
  's3:GetBucketLogging',
  's3:GetBucketNotification',
  's3:GetBucketPolicy',
  's3:GetBucketTagging',
  's3:GetBucketVersioning',
  's3:GetBucketWebsite',
  's3:GetLifecycleConfiguration',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:GetObjectVersion',
  's3:GetObjectVersionAcl',
  's3:GetReplicationConfiguration',
  's3:ListAllMyBuckets',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:ListBucketVersions',
  's3:ListMultipartUploadParts',
  's3:PutAccelerateConfiguration',
  's3:PutBucketAcl',
  's3:PutBucketCORS',
  's3:PutBucketLogging',
  's3:PutBucketNotification',
  's3:PutBucketPolicy',
  's3:PutBucketRequestPayment',
  's3:PutBucketTagging',
  's3:PutBucketVersioning',
  's3:PutBucketWebsite',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutObject',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:ReplicateDelete',
  's3:ReplicateObject',
  's3:RestoreObject',
];

/** The `<bucket>-BktAdmPlc` document: the listed actions on the bucket, `s3:*` on its objects. */
export function bucketAdminPolicy(bucketName: string): string {
  const statements: PolicyStatement[] = [
    { Sid: 'BucketAdmin', Effect: 'Allow', Action: [...BUCKET_ADMIN_BUCKET_ACTIONS], Resource: [bucketArn(bucketName)] },
    { Sid: 'ObjectAdmin', Effect: 'Allow', Action: 's3:*', Resource: [bucketObjectsArn(bucketName)] },
  ];
  return renderPolicy(statements);
}
