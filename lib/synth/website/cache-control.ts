import { keyPatternToRegExp, keyPatternViolations } from './key-pattern';

/** A Cache-Control value for the keys a pattern matches (see `keyPatternToRegExp` for the syntax). */
export interface CacheControlRule {
  /** `*.pdf`, `assets/**`, `sw.js`: a pattern without `/` matches file names in any folder. */
  readonly pattern: string;
  /** The header value, such as `public, max-age=86400`. */
  readonly value: string;
}

/**
 * For file names with a content hash (`app.3f9a2c1b.js`): a new build writes a new name, so a copy may be
 * kept for a year and never revalidated.
 */
export const CACHE_CONTROL_IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * For HTML and every other file whose name stays the same when its content changes: caches may keep it but
 * must ask again (a cheap 304 when unchanged), so a deploy shows at once.
 */
export const CACHE_CONTROL_REVALIDATE = 'public, max-age=0, must-revalidate';

/** Lowercase hex of 8 or more characters with a digit and a letter: webpack, Create React App, Angular. */
const HEX_HASH = /^(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}$/;
/** Exactly 8 characters of base64url with a digit, a capital and a small letter: Rollup and Vite. */
const ROLLUP_HASH = /^(?=.*[0-9])(?=.*[A-Z])(?=.*[a-z])[A-Za-z0-9_-]{8}$/;

/**
 * Whether a key's file name carries a content hash: a segment after the first `.` or `-` that looks like
 * one (`app.3f9a2c1b.js`, `main.3f9a2c1b.chunk.js`, `index-BdK3x9aZ.js`). Deliberately strict: a name
 * taken for fingerprinted would be cached for a year, so `logo-2024.png`, `report.20240101.pdf` and
 * `my-Component.js` are not.
 */
export function isFingerprinted(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const lastDot = name.lastIndexOf('.');
  if (lastDot <= 0) return false;
  // the stem without its (last) extension, and without `.map` of `app.3f9a2c1b.js.map` too
  const stem = name.slice(0, lastDot);
  const dotted = stem.split('.');
  if (dotted.slice(1).some((s) => HEX_HASH.test(s))) return true;
  // `name-HASH` (Rollup may put '-' or '_' inside the hash, so the last 8 characters after a separator)
  const first = dotted[0];
  const tail = first.slice(-8);
  return first.length > 9 && first[first.length - 9] === '-' && ROLLUP_HASH.test(tail);
}

/** The Cache-Control value of a key: the first matching rule, else the default for its kind of name. */
export function cacheControlOf(key: string, rules: ReadonlyArray<{ readonly regexp: RegExp; readonly value: string }>): string {
  for (const rule of rules) if (rule.regexp.test(key)) return rule.value;
  return isFingerprinted(key) && !key.toLowerCase().endsWith('.html') ? CACHE_CONTROL_IMMUTABLE : CACHE_CONTROL_REVALIDATE;
}

/** Compiles the user's rules once (a site may hold thousands of files). */
export function compileCacheControlRules(rules: readonly CacheControlRule[]): Array<{ regexp: RegExp; value: string }> {
  return rules.map((r) => ({ regexp: keyPatternToRegExp(r.pattern), value: r.value }));
}

/** Every rule the user's list breaks, each naming its position. */
export function cacheControlRuleViolations(rules: readonly CacheControlRule[]): string[] {
  const broken: string[] = [];
  rules.forEach((rule, i) => {
    for (const v of keyPatternViolations(rule.pattern ?? '')) broken.push(`[${i}].pattern ${v}`);
    if (!rule.value || /[\x00-\x1f\x7f]/.test(rule.value)) {
      broken.push(`[${i}].value must be a non-empty header value without control characters`);
    }
  });
  return broken;
}
