/**
 * Glob-ish patterns over object keys (`/`-separated paths relative to the content folder):
 * - `*` matches any characters except `/`, `?` one character except `/`, `**` any characters including `/`
 *   (so `assets/**` is everything under `assets/`);
 * - a pattern without `/` matches the last segment, wherever it is (`*.pdf` matches `docs/a.pdf`), as in
 *   `.gitignore`; a pattern with `/` matches the whole key (`assets/*.js` does not match `assets/x/y.js`).
 */
export function keyPatternToRegExp(pattern: string): RegExp {
  const anchored = pattern.includes('/');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` also matches no folder at all: `**/x.js` matches `x.js`
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${source}$` : `(?:^|/)${source}$`);
}

/** Every rule a pattern breaks (empty when valid). */
export function keyPatternViolations(pattern: string): string[] {
  const broken: string[] = [];
  if (pattern.length === 0) broken.push('must not be empty');
  if (pattern.startsWith('/')) broken.push("must be relative to the content folder: no leading '/'");
  if (/[\x00-\x1f\x7f]/.test(pattern)) broken.push('must not contain control characters');
  return broken;
}
