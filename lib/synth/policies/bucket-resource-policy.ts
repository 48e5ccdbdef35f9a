import { bucketArn, bucketObjectsArn, PolicyStatement } from './policy-document';

/** Denies every request to the bucket and its objects that does not use TLS. */
export function denyInsecureTransport(bucketName: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn(bucketName), bucketObjectsArn(bucketName)],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Lets one CloudFront distribution, signing with Origin Access Control, read the objects. */
export function allowCloudFrontRead(bucketName: string, distributionArn: string): PolicyStatement {
  return {
    Sid: 'AllowCloudFrontOriginAccessControl',
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: bucketObjectsArn(bucketName),
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  };
}

/** Lets anyone read the objects: what an S3 website endpoint origin needs. */
export function allowPublicRead(bucketName: string): PolicyStatement {
  return {
    Sid: 'AllowPublicReadForWebsiteEndpoint',
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: bucketObjectsArn(bucketName),
  };
}
