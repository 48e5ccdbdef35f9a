import { ifFound } from './admin-api-error';
import { SignedHttpClient } from './signed-http-client';

export interface OstorKeyPair {
  readonly AWSAccessKeyId: string;
  readonly AWSSecretAccessKey: string;
}

export interface OstorUser {
  readonly UserEmail: string;
  readonly UserId: string;
  readonly State?: 'enabled' | 'disabled';
  readonly AWSAccessKeys?: OstorKeyPair[];
}

export interface OstorBucket {
  readonly name: string;
  readonly owner_id: string;
}

/**
 * The ostor S3 users admin API (`?ostor-users`, `?ostor-buckets`). ostor assigns user and key ids itself.
 * Its own `s3_curl` signs with Signature V2, the client's default for ostor endpoints.
 */
export class OstorAdminClient {
  constructor(private readonly http: SignedHttpClient) {}

  /** The new user with the key pair ostor gives it (found by a query when the answer was lost). */
  async createUser(email: string): Promise<OstorUser> {
    return this.http.sendNotRepeatable(
      { operation: `ostor create user ${email}`, method: 'PUT', path: '/', query: { 'ostor-users': '', emailAddress: email } },
      (res) => JSON.parse(res.body),
      () => this.getUser(email),
    );
  }

  /** The user with its key pairs, or undefined when ostor does not know the email. */
  async getUser(email: string): Promise<OstorUser | undefined> {
    return ifFound(async () =>
      JSON.parse((await this.http.send({ operation: `ostor query user ${email}`, method: 'GET', path: '/', query: { 'ostor-users': '', emailAddress: email } })).body),
    );
  }

  async listUsers(): Promise<OstorUser[]> {
    return JSON.parse((await this.http.send({ operation: 'ostor list users', method: 'GET', path: '/', query: { 'ostor-users': '' } })).body);
  }

  async setEnabled(email: string, enabled: boolean): Promise<void> {
    const flag = enabled ? 'enable' : 'disable';
    await this.http.send({ operation: `ostor ${flag} user ${email}`, method: 'POST', path: '/', query: { 'ostor-users': '', emailAddress: email, [flag]: '' } });
  }

  async deleteUser(email: string): Promise<void> {
    await this.http.sendUnlessDone(
      { operation: `ostor delete user ${email}`, method: 'DELETE', path: '/', query: { 'ostor-users': '', emailAddress: email } },
      async () => !(await this.getUser(email)),
    );
  }

  /**
   * A new key pair; ostor keeps at most two per user. `existingKeyIds` (the user's keys before the call) tell
   * the new pair apart when the answer is lost, so that a retry never makes a second one.
   */
  async generateKey(email: string, existingKeyIds: readonly string[]): Promise<OstorKeyPair> {
    return this.http.sendNotRepeatable(
      { operation: `ostor genKey for ${email}`, method: 'POST', path: '/', query: { 'ostor-users': '', emailAddress: email, genKey: '' } },
      (res) => (JSON.parse(res.body) as OstorUser).AWSAccessKeys![0],
      async () => (await this.getUser(email))?.AWSAccessKeys?.find((k) => !existingKeyIds.includes(k.AWSAccessKeyId)),
    );
  }

  async revokeKey(email: string, accessKeyId: string): Promise<void> {
    await this.http.sendUnlessDone(
      { operation: `ostor revokeKey ${accessKeyId} of ${email}`, method: 'POST', path: '/', query: { 'ostor-users': '', emailAddress: email, revokeKey: accessKeyId } },
      async () => !(await this.getUser(email))?.AWSAccessKeys?.some((k) => k.AWSAccessKeyId === accessKeyId),
    );
  }

  async listBuckets(email?: string): Promise<OstorBucket[]> {
    const query: Record<string, string> = { 'ostor-buckets': '', ...(email ? { emailAddress: email } : {}) };
    const res = await this.http.send({ operation: `ostor list buckets${email ? ` of ${email}` : ''}`, method: 'GET', path: '/', query });
    return (JSON.parse(res.body) as { Buckets: OstorBucket[] }).Buckets;
  }

  async deleteBucket(name: string): Promise<void> {
    await this.http.sendUnlessDone({ operation: `ostor delete bucket ${name}`, method: 'DELETE', path: `/${name}` }, async () =>
      (await this.listBuckets()).every((b) => b.name !== name),
    );
  }
}
