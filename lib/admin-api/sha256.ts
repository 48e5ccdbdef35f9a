import { createHash, createHmac, Hash, Hmac } from 'node:crypto';

/**
 * The hash constructor `@smithy/signature-v4` asks for, on node's own crypto: SHA-256 when built without a
 * secret, HMAC-SHA-256 with one.
 */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBinary(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret?: string | Uint8Array;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBinary(secret);
    this.hash = this.fresh();
  }

  update(data: SourceData): void {
    this.hash.update(toBinary(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}
