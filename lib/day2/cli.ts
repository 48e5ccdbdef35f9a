import { AdminApiError, TransportError } from '../admin-api/admin-api-error';
import { awsClients } from './aws-clients';
import { CommandLine, httpUrlViolations, OptionName, OPTIONS, parseCommandLine, wantsJson } from './cli-args';
import { Command, COMMANDS, optionViolations } from './commands';
import { CliError, EXIT, ExitName, exitHelp, UsageError } from './exit-codes';
import { packageVersion } from './package-version';
import { DEFAULT_TIMEOUTS, TIMEOUT_ENV, Timeouts, timeoutsFrom } from './timeouts';

/** Where `s3-admin` writes: results on stdout; errors, progress and usage on stderr (with --json, errors too go to stdout). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Where the admin credentials of adopt --target, the limits and AWS_ENDPOINT_URL are read from (the AWS
   * SDK reads its credentials from process.env itself). @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

const ALWAYS: OptionName[] = ['json', 'help', 'version'];

const OPTION_HELP = `options:
  --json          results as JSON on stdout; errors too, as {"error": {"code": "usage", "message": "..."}} with the
                  code named as in the exit codes below; progress stays on stderr
  --endpoint URL  send AWS calls to URL (an emulator); AWS_ENDPOINT_URL does the same
  -h, --help      help; of a command: s3-admin drift --help, or s3-admin help drift
  --version       the version of s3-admin

Without --json, results go to stdout; errors, progress and, after a usage error, the usage go to stderr.`;

const ENVIRONMENT_HELP = `environment:
  AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_REGION, ...  credentials and region of the AWS calls
  ${TIMEOUT_ENV}  limit of one attempt of any call in milliseconds (default ${DEFAULT_TIMEOUTS.requestMs}; connecting
                  at most ${DEFAULT_TIMEOUTS.connectMs}); a call is tried ${DEFAULT_TIMEOUTS.maxAttempts} times at most, so no command waits forever
  RGW_ADMIN_ACCESS_KEY and RGW_ADMIN_SECRET_KEY, or RGW_ADMIN_CREDENTIALS_FILE (a JSON file
  {"accessKeyId": "...", "secretAccessKey": "..."}); OSTOR_ADMIN_... and VERSITY_ADMIN_... the same:
                  the admin credentials of adopt --target, the variables its endpoint construct reads at deploy`;

const COMMON_HELP = `${OPTION_HELP}\n\n${ENVIRONMENT_HELP}\n\nexit codes:\n${exitHelp()}`;

const indent = (text: string) => text.replace(/^/gm, '    ');
const synopsis = (commands: Command[]) => commands.flatMap((c) => c.synopsis).map((s, i) => `${i === 0 ? 'usage: ' : '       '}s3-admin ${s}`);

const GENERAL_HELP = `usage: s3-admin <command> [options]
       s3-admin help [<command>]
       s3-admin --version

commands:
${COMMANDS.map((c) => `${c.synopsis.map((s) => `  ${s}`).join('\n')}\n${indent(c.help)}`).join('\n')}

${COMMON_HELP}`;

function commandHelp(command: Command): string {
  return `${synopsis([command]).join('\n')}\n\n${command.help}\n\n${COMMON_HELP}`;
}

/** The short usage printed after a usage error: the command's lines, or every command's. */
function shortUsage(command: Command | undefined): string {
  const more = command ? `s3-admin help ${command.words.join(' ')}` : 's3-admin --help';
  return `${synopsis(command ? [command] : COMMANDS).join('\n')}\n(more: ${more})`;
}

/** The command the leading words of a command line that could not be parsed name, for the usage shown with the error. */
function guessCommand(argv: string[]): Command | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const option = /^--?([^=]+)$/.exec(argv[i]);
    // the value of an option that takes one is no command word
    if (option) i += OPTIONS[option[1] as OptionName]?.type === 'string' ? 1 : 0;
    else if (!argv[i].startsWith('-')) words.push(argv[i]);
  }
  if (words[0] === 'help') words.shift();
  return COMMANDS.find((c) => c.words.every((w, i) => words[i] === w));
}

/** The command named by the leading words, or a usage error; undefined when no word is given. */
function findCommand(words: string[]): { command?: Command; args: string[] } {
  if (words.length === 0) return { args: [] };
  const command = COMMANDS.find((c) => c.words.every((w, i) => words[i] === w));
  if (!command) {
    const family = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === words[0]);
    if (family.length === 0) throw new UsageError(`unknown command: ${words[0]}`);
    throw new UsageError(`unknown command: ${words.slice(0, 2).join(' ')} (one of ${family.map((c) => c.words.join(' ')).join(', ')})`);
  }
  return { command, args: words.slice(command.words.length) };
}

/** Options, then positional arguments: their number, then what each means. */
function checkInvocation(command: Command, line: CommandLine, args: string[]): void {
  const name = command.words.join(' ') + (line.values.target !== undefined ? ' --target' : '');
  const allowed = [...ALWAYS, ...command.options(line.values)];
  for (const option of line.given) {
    if (!allowed.includes(option)) throw new UsageError(`option --${option} does not apply to ${name}`);
    const given = line.values[option];
    for (const value of typeof given === 'string' ? [given] : Array.isArray(given) ? given : []) {
      const broken = option === 'endpoint' ? httpUrlViolations(value) : optionViolations(option, value);
      if (broken.length) throw new UsageError(`--${option} ${JSON.stringify(value)} ${broken.join('; ')}`);
    }
  }
  const expected = command.positionals(line.values);
  if (args.length !== expected.length) {
    const names = expected.map((p) => p.name).join(' ');
    throw new UsageError(`${name} takes ${expected.length ? names : 'no argument'}, got ${args.length ? args.map((a) => JSON.stringify(a)).join(' ') : 'none'}`);
  }
  expected.forEach((p, i) => {
    const broken = p.check(args[i]);
    if (broken.length) throw new UsageError(`${p.name} ${JSON.stringify(args[i])} ${broken.join('; ')}`);
  });
}

/** A clear one-line reason and exit code for what a command threw. */
function failure(error: unknown, timeouts: Timeouts | undefined, awsEndpoint: string): { exit: Exclude<ExitName, 'ok' | 'drift'>; message: string } {
  if (error instanceof CliError) return { exit: error.exit, message: error.message };
  if (error instanceof AdminApiError) return { exit: error.status === 403 ? 'denied' : 'failed', message: error.message };
  const limit = timeouts ? ` within ${timeouts.requestMs} ms in ${timeouts.maxAttempts} attempt(s) (${TIMEOUT_ENV} sets the limit)` : '';
  if (error instanceof TransportError) {
    return { exit: 'failed', message: error.code === 'ETIMEDOUT' ? `${error.operation} failed: no answer${limit}` : error.message };
  }
  const e = error as Error & { $metadata?: { attempts?: number }; code?: string };
  if (e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT') return { exit: 'failed', message: `no answer from ${awsEndpoint}${limit}` };
  if (e?.name === 'AccessDenied' || e?.name === 'AccessDeniedException') return { exit: 'denied', message: `${e.name}: ${e.message}` };
  return { exit: 'failed', message: e instanceof Error ? `${e.name}: ${e.message}` : String(error) };
}

/**
 * The `s3-admin` command; returns the exit code (EXIT). Never throws: every failure is reported on the
 * streams of `io` (as JSON on stdout with --json) with its exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  const json = wantsJson(argv);
  const emit = (result: unknown) => io.stdout(JSON.stringify(result, null, 2));
  let command: Command | undefined;
  let timeouts: Timeouts | undefined;
  let line: CommandLine | undefined;
  try {
    line = parseCommandLine(argv);
    const { values } = line;
    if (values.version) {
      const version = packageVersion();
      if (json) emit({ version });
      else io.stdout(version);
      return EXIT.ok;
    }
    const asksHelp = line.positionals[0] === 'help';
    const found = findCommand(asksHelp ? line.positionals.slice(1) : line.positionals);
    command = found.command;
    if (asksHelp || values.help) {
      if (asksHelp && found.args.length) throw new UsageError(`unknown command: ${line.positionals.slice(1).join(' ')}`);
      const help = command ? commandHelp(command) : GENERAL_HELP;
      if (json) emit({ help });
      else io.stdout(help);
      return EXIT.ok;
    }
    if (!command) throw new UsageError('no command given');
    checkInvocation(command, line, found.args);
    timeouts = timeoutsFrom(env);
    const limits = timeouts;
    return await command.run({
      args: found.args,
      options: values,
      json,
      env,
      timeouts: limits,
      clients: () => awsClients({ endpoint: values.endpoint ?? env.AWS_ENDPOINT_URL, timeouts: limits }),
      print: (result, table) => (json ? emit(result) : io.stdout(table(result))),
      progress: (text) => io.stderr(`[s3-admin] ${text}`),
      notice: (text) => io.stderr(`s3-admin: ${text}`),
    });
  } catch (error) {
    const { exit, message } = failure(error, timeouts, line?.values.endpoint ?? env.AWS_ENDPOINT_URL ?? 'AWS');
    const usage = exit === 'usage' ? shortUsage(command ?? guessCommand(argv)) : undefined;
    if (json) emit({ error: { code: exit, message, ...(usage ? { usage } : {}) } });
    else io.stderr(`s3-admin: ${message}${usage ? `\n${usage}` : ''}`);
    return EXIT[exit];
  }
}
