/** The subset of the IAM policy grammar this library writes. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/**
 * Renders a policy as the JSON string the AWS provider expects. Unresolved cdktf tokens inside it stay
 * intact and become Terraform interpolations at synth.
 */
export function renderPolicy(statements: PolicyStatement[]): string {
  const doc: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  return JSON.stringify(doc);
}

export function bucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}

/** Every object in the bucket. */
export function bucketObjectsArn(bucketName: string): string {
  return `${bucketArn(bucketName)}/*`;
}
