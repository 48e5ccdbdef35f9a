import { RgwAdminClient } from '../../lib/admin-api/rgw-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';

/** Tests check a server's answer as it is, so a refused call must not be retried. */
export const NO_RETRY = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

/** A client signed with the test RGW's admin keys, for checking the server's state. */
export function rgwAdmin(endpoint = process.env.RGW_ENDPOINT!): { rgw: RgwAdminClient; http: SignedHttpClient } {
  const http = new SignedHttpClient({
    endpoint,
    credentials: { accessKeyId: process.env.RGW_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.RGW_ADMIN_SECRET_KEY! },
    retry: NO_RETRY,
  });
  return { rgw: new RgwAdminClient(http), http };
}

/** Lists the caller's buckets with the given key: proves the key works (or is refused). */
export async function listBucketsWith(endpoint: string, accessKeyId: string, secretAccessKey: string): Promise<number> {
  const http = new SignedHttpClient({ endpoint, credentials: { accessKeyId, secretAccessKey }, retry: NO_RETRY });
  try {
    return (await http.send({ operation: 'S3 list buckets', method: 'GET', path: '/' })).status;
  } catch (e) {
    return (e as { status?: number }).status ?? 0;
  } finally {
    http.close();
  }
}
