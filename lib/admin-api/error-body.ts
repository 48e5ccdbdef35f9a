import { XMLParser } from 'fast-xml-parser';

export interface ParsedError {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/**
 * Reads the error code and message of an admin API answer: S3-style XML (`<Error><Code>`: VersityGW,
 * ostor, S3) or JSON (`{"Code": ...}`: RGW Admin Ops; `{"error": ..., "detail": ...}`: the Storj satellite).
 */
export function parseErrorBody(body: string): ParsedError {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const storjMessage = str(json.error) && [json.error, json.detail].filter((v) => typeof v === 'string' && v !== '').join(': ');
      return { code: str(json.Code ?? json.code), message: str(json.Message ?? json.message) ?? (storjMessage || undefined), requestId: str(json.RequestId) };
    } catch {
      return {};
    }
  }
  if (text.startsWith('<')) {
    const error = (xml.parse(text) as { Error?: Record<string, unknown> }).Error;
    if (error) return { code: str(error.Code), message: str(error.Message), requestId: str(error.RequestId) };
  }
  return {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
