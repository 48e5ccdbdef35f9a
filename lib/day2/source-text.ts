/*
 * Pieces of the TypeScript source that `s3-admin adopt` writes: literals, variable names and comments that
 * read as if written by hand.
 */

/** Source text written as it is (a reference such as `endpoint` or `aliceKey`), not as a literal. */
export class Code {
  constructor(readonly text: string) {}
}

export const code = (text: string) => new Code(text);

/**
 * TypeScript source text: a string literal, or an object / array literal with single quotes and bare keys;
 * `Code` as written (`{ endpoint }` when the key names it).
 */
export function ts(value: unknown, indent = ''): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof value !== 'object' || value === null) return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => ts(v, inner));
    return items.join(', ').length < 80 && !items.some((i) => i.includes('\n')) ? `[${items.join(', ')}]` : `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : ts(k));
  const entry = ([k, v]: [string, unknown]) => (v instanceof Code && v.text === k ? k : `${key(k)}: ${ts(v, inner)}`);
  return `{\n${entries.map((e) => `${inner}${entry(e)},`).join('\n')}\n${indent}}`;
}

/** A readable, unique variable name: `foobar.bulldogs.cloud` + `Site` → `foobarBulldogsCloudSite`. */
export class VariableNames {
  private readonly used = new Set<string>();

  take(name: string, suffix: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') + suffix;
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** `// line` for each line, indented. */
export function comment(lines: string[], indent: string): string {
  return lines.map((l) => `${indent}// ${l}\n`).join('');
}

/** Like `ts`, but an object of a few plain entries stays on one line: `{ user: aliceUser, name: 'app' }`. */
export function tsCompact(value: Record<string, unknown>, indent = ''): string {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const plain = entries.every(([, v]) => v instanceof Code || typeof v !== 'object' || v === null);
  const line = `{ ${entries.map(([k, v]) => (v instanceof Code && v.text === k ? k : `${k}: ${ts(v)}`)).join(', ')} }`;
  return plain && entries.every(([k]) => /^[A-Za-z_$][\w$]*$/.test(k)) && line.length <= 80 ? line : ts(value, indent);
}
