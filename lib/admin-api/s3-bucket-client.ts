import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { ifFound } from './admin-api-error';
import { SignedHttpClient } from './signed-http-client';

const xmlOut = new XMLBuilder({ ignoreAttributes: false });
const xmlIn = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'Tag' });

/** The few S3 bucket calls a storage admin needs, path-style, through the shared signed client. */
export class S3BucketClient {
  constructor(private readonly http: SignedHttpClient) {}

  async createBucket(bucket: string): Promise<void> {
    await this.http.send({ operation: `S3 create bucket ${bucket}`, method: 'PUT', path: `/${bucket}` });
  }

  async getTags(bucket: string): Promise<Record<string, string>> {
    const res = await ifFound(() => this.http.send({ operation: `S3 get tags of ${bucket}`, method: 'GET', path: `/${bucket}`, query: { tagging: '' } }));
    if (!res) return {};
    const tags = (xmlIn.parse(res.body).Tagging?.TagSet?.Tag ?? []) as Array<{ Key: string; Value: string }>;
    return Object.fromEntries(tags.map((t) => [t.Key, t.Value ?? '']));
  }

  async putTags(bucket: string, tags: Record<string, string>): Promise<void> {
    const body = xmlOut.build({ Tagging: { TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } } });
    await this.http.send({
      operation: `S3 put tags of ${bucket}`,
      method: 'PUT',
      path: `/${bucket}`,
      query: { tagging: '' },
      body,
      // S3 refuses tagging without an integrity check
      headers: { 'content-md5': createHash('md5').update(body).digest('base64'), 'content-type': 'application/xml' },
    });
  }

  async deleteTags(bucket: string): Promise<void> {
    await this.http.send({ operation: `S3 delete tags of ${bucket}`, method: 'DELETE', path: `/${bucket}`, query: { tagging: '' } });
  }

  /** The bucket policy document, or undefined when there is none. */
  async getPolicy(bucket: string): Promise<unknown | undefined> {
    const res = await ifFound(() => this.http.send({ operation: `S3 get policy of ${bucket}`, method: 'GET', path: `/${bucket}`, query: { policy: '' } }));
    return res ? JSON.parse(res.body) : undefined;
  }

  async putPolicy(bucket: string, policy: unknown): Promise<void> {
    await this.http.send({ operation: `S3 put policy of ${bucket}`, method: 'PUT', path: `/${bucket}`, query: { policy: '' }, body: JSON.stringify(policy) });
  }

  async deletePolicy(bucket: string): Promise<void> {
    await this.http.send({ operation: `S3 delete policy of ${bucket}`, method: 'DELETE', path: `/${bucket}`, query: { policy: '' } });
  }
}
