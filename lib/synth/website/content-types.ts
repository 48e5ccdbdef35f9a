/**
 * Content types of the files a static site usually holds, by extension (lowercase, without the dot). Text
 * types carry `charset=utf-8`, which is what build tools write; browsers otherwise guess.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/MIME_types/Common_types
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  // RFC 9239 makes text/javascript the one type for JavaScript, modules included
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
};

/** What a file of any other extension is served as: browsers download it instead of rendering it. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The extension of a key's last segment, lowercase and without the dot (`''` when it has none). */
export function extensionOf(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The content type of a key: `extra` (the user's table) first, then the built-in one, then the default. */
export function contentTypeOf(key: string, extra: Readonly<Record<string, string>> = {}): string {
  const ext = extensionOf(key);
  return extra[ext] ?? CONTENT_TYPES[ext] ?? DEFAULT_CONTENT_TYPE;
}

/** Every rule a user's extension table breaks (keys without a dot, lowercase; values `type/subtype`). */
export function contentTypeTableViolations(table: Readonly<Record<string, string>>): string[] {
  const broken: string[] = [];
  for (const [ext, type] of Object.entries(table)) {
    if (!/^[a-z0-9][a-z0-9_+-]*$/.test(ext)) {
      broken.push(`extension '${ext}' must be lowercase letters, digits, '_', '+' or '-', without the dot`);
    }
    if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(type) || /[\x00-\x1f\x7f]/.test(type)) {
      broken.push(`content type '${type}' of '${ext}' must look like 'type/subtype' (parameters after ';' allowed)`);
    }
  }
  return broken;
}
