import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes';

/** Every option of `s3-admin`; each command says which of them it takes. */
export const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  endpoint: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  class: { type: 'string' },
  module: { type: 'string' },
  target: { type: 'string' },
  email: { type: 'string', multiple: true },
  'api-layout': { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;

type ValueOf<O> = O extends { multiple: true } ? string[] : O extends { type: 'string' } ? string : boolean;

export type OptionValues = { readonly [K in OptionName]?: ValueOf<(typeof OPTIONS)[K]> };

export interface CommandLine {
  readonly positionals: string[];
  readonly values: OptionValues;
  /** The options given, in the order first given. */
  readonly given: OptionName[];
}

/** Node's messages are long and multi-line; the usage error is one line that names the option. */
function reason(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' <]+)/.exec(error.message)?.[1] ?? 'an option';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `option ${option} takes no value`;
      if (/ambiguous/.test(error.message)) return `option ${option} needs a value (write ${option}=VALUE for a value that starts with a dash)`;
      return `option ${option} needs a value`;
    default:
      return error.message.split('\n')[0];
  }
}

/** Parses strictly: an unknown option, a missing value or a value given to a flag is a usage error. */
export function parseCommandLine(argv: string[]): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw new UsageError(reason(e as Error));
  }
  const given = [...new Set(parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name as OptionName] : [])))];
  for (const name of given) {
    const value = parsed.values[name];
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`option --${name} needs a value`);
  }
  return { positionals: parsed.positionals, values: parsed.values as OptionValues, given };
}

/** Whether the output is to be JSON, also when the command line could not be parsed (`--` ends the options). */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** An absolute http(s) URL, or why not. */
export function httpUrlViolations(value: string): string[] {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? [] : [`must use http or https, not ${url.protocol.replace(/:$/, '')}`];
  } catch {
    return ['must be an absolute http(s) URL'];
  }
}
