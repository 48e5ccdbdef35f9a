import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { SignedHttpClient } from './signed-http-client';

import { VersityRole } from '../schema/versity';

export { VersityRole };

export interface VersityAccount {
  readonly access: string;
  readonly secret: string;
  readonly role: VersityRole;
  readonly userId?: number;
  readonly groupId?: number;
}

const xmlOut = new XMLBuilder({ ignoreAttributes: false });
const xmlIn = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ['Account', 'Accounts', 'Bucket', 'Buckets'].includes(name) });

function numberOrUndefined(v: unknown): number | undefined {
  return v === undefined || v === '' ? undefined : Number(v);
}

/**
 * The VersityGW admin API: every call is a SigV4-signed PATCH with XML bodies; errors carry XAdmin* codes.
 * @see https://github.com/versity/versitygw/wiki/Admin-APIs
 */
export class VersityAdminClient {
  constructor(private readonly http: SignedHttpClient) {}

  async createUser(account: VersityAccount): Promise<void> {
    const body = xmlOut.build({
      Account: { Access: account.access, Secret: account.secret, Role: account.role, UserID: account.userId ?? 0, GroupID: account.groupId ?? 0 },
    });
    await this.http.sendUnlessDone(
      { operation: `VersityGW create user ${account.access}`, method: 'PATCH', path: '/create-user', body, headers: { 'content-type': 'application/xml' } },
      async () => Boolean(await this.findUser(account.access)),
    );
  }

  async updateUser(access: string, changes: { secret?: string; userId?: number; groupId?: number }): Promise<void> {
    const body = xmlOut.build({ MutableProps: { Secret: changes.secret, UserID: changes.userId, GroupID: changes.groupId } });
    await this.http.send({
      operation: `VersityGW update user ${access}`,
      method: 'PATCH',
      path: '/update-user',
      query: { access },
      body,
      headers: { 'content-type': 'application/xml' },
    });
  }

  async deleteUser(access: string): Promise<void> {
    await this.http.sendUnlessDone({ operation: `VersityGW delete user ${access}`, method: 'PATCH', path: '/delete-user', query: { access } }, async () => !(await this.findUser(access)));
  }

  /** The account with this access key id, or undefined (the API has no single-user query). */
  async findUser(access: string): Promise<VersityAccount | undefined> {
    return (await this.listUsers()).find((u) => u.access === access);
  }

  async listUsers(): Promise<VersityAccount[]> {
    const res = await this.http.send({ operation: 'VersityGW list users', method: 'PATCH', path: '/list-users' });
    // the wiki documents <Account> elements; versitygw 1.8 answers with <Accounts>: take either
    const result = xmlIn.parse(res.body).ListUserAccountsResult ?? {};
    const accounts = (result.Account ?? result.Accounts ?? []) as Array<Record<string, string>>;
    return accounts.map((a) => ({
      access: a.Access,
      secret: a.Secret,
      role: a.Role as VersityRole,
      userId: numberOrUndefined(a.UserID),
      groupId: numberOrUndefined(a.GroupID),
    }));
  }

  async changeBucketOwner(bucket: string, owner: string): Promise<void> {
    await this.http.send({ operation: `VersityGW give bucket ${bucket} to ${owner}`, method: 'PATCH', path: '/change-bucket-owner', query: { bucket, owner } });
  }

  async listBuckets(): Promise<Array<{ name: string; owner: string }>> {
    const res = await this.http.send({ operation: 'VersityGW list buckets', method: 'PATCH', path: '/list-buckets' });
    const result = xmlIn.parse(res.body).ListBucketsResult ?? {};
    const buckets = (result.Bucket ?? result.Buckets ?? []) as Array<Record<string, string>>;
    return buckets.map((b) => ({ name: b.Name, owner: b.Owner }));
  }
}
