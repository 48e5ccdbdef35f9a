/** The exit codes of `s3-admin`, named once: the code, the help text and the JSON error codes come from here. */
export const EXIT = { ok: 0, failed: 1, usage: 2, denied: 3, notFound: 4, drift: 5 } as const;

export type ExitName = keyof typeof EXIT;

/** What each code means, as `--help` lists it. */
export const EXIT_MEANING: Readonly<Record<ExitName, string>> = {
  ok: 'done',
  failed: 'failed: an API error, no answer in time, missing credentials',
  usage: 'bad usage: an unknown option or command, a missing or invalid value, a file that exists without --force',
  denied: 'an action was denied (the output names it); from an admin API, any HTTP 403',
  notFound: 'not found: no such user or stack, or nothing to adopt',
  drift: 'drift found',
};

/** An error that ends the command with the exit code it names (JSON output uses the name as `error.code`). */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    readonly exit: Exclude<ExitName, 'ok' | 'drift'>,
    message: string,
  ) {
    super(message);
  }
}

/** Bad usage: the reason is printed with the usage of the command (or of all commands when none was named). */
export class UsageError extends CliError {
  override name = 'UsageError';

  constructor(message: string) {
    super('usage', message);
  }
}

export function exitHelp(): string {
  return (Object.keys(EXIT) as ExitName[]).map((name) => `  ${EXIT[name]}  ${name.padEnd(8)}  ${EXIT_MEANING[name]}`).join('\n');
}
