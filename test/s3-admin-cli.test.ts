import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { buildSync } from 'esbuild';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { awsClients } from '../lib/day2/aws-clients';
import { runCli } from '../lib/day2/cli';
import { EXIT } from '../lib/day2/exit-codes';
import { repoRoot } from './support/repo-root';

/** Runs the command in this process; stdout and stderr as texts, stderr also as lines. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const BUNDLE = path.join(repoRoot(), '.cache', 'test-cli', 's3-admin.js');

/** Runs the built command as a process, as a user's shell would; `code` is null if it had to be killed. */
function cliProcess(argv: string[], env: NodeJS.ProcessEnv, limitMs = 30_000): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUNDLE, ...argv], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - started });
    });
  });
}

beforeAll(() => {
  // the real entry point, bundled as npm's bin would run it (a process must end by itself to pass)
  buildSync({ entryPoints: [path.join(repoRoot(), 'lib', 'day2', 'cli-main.ts')], bundle: true, platform: 'node', target: 'node20', outfile: BUNDLE, logLevel: 'warning' });
});

describe('help, version and exit codes', () => {
  test.each([[['--help']], [['-h']], [['help']]])('%j prints the help of every command on stdout and exits 0', async (argv) => {
    const result = await cli(argv);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^usage: s3-admin <command> \[options\]/);
    for (const line of ['inspect bucket NAME', 'inspect website DOMAIN', 'inspect user NAME', 'drift STACK', 'adopt [--out FILE]', 'adopt --target rgw|ostor|versity ENDPOINT']) {
      expect(result.out).toContain(`  ${line}`);
    }
  });

  test('the help lists every exit code from the EXIT table, what --json does and the timeout variable', async () => {
    const { out } = await cli(['--help']);
    for (const [name, code] of Object.entries(EXIT)) expect(out).toMatch(new RegExp(`^  ${code}  ${name} +\\S`, 'm'));
    expect(out).toContain('results as JSON on stdout; errors too, as {"error": {"code": "usage", "message": "..."}}');
    expect(out).toContain('Without --json, results go to stdout; errors, progress and, after a usage error, the usage go to stderr.');
    expect(out).toMatch(/^  S3ADMIN_REQUEST_TIMEOUT_MS  limit of one attempt of any call in milliseconds \(default 30000/m);
    expect(out).toMatch(/RGW_ADMIN_ACCESS_KEY and RGW_ADMIN_SECRET_KEY, or RGW_ADMIN_CREDENTIALS_FILE/);
  });

  test('the exit codes are the documented ones', () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, denied: 3, notFound: 4, drift: 5 });
  });

  test.each([
    [['help', 'drift'], 'drift STACK'],
    [['drift', '--help'], 'drift STACK'],
    [['help', 'inspect', 'bucket'], 'inspect bucket NAME'],
    [['inspect', 'website', '-h'], 'inspect website DOMAIN'],
    [['help', 'adopt'], 'adopt [--out FILE]'],
  ])('%j prints the help of that command only', async (argv, usage) => {
    const result = await cli(argv);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out.startsWith(`usage: s3-admin ${usage}`)).toBe(true);
    expect(result.out).toContain('exit codes:');
    expect(result.out.match(/^usage: /gm)).toHaveLength(1);
  });

  test('help adopt shows both forms', async () => {
    const { out } = await cli(['help', 'adopt']);
    expect(out).toMatch(/^ {7}s3-admin adopt --target rgw\|ostor\|versity ENDPOINT/m);
  });

  test('--version prints the version of package.json, and {"version"} with --json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
    expect(await cli(['--version'])).toEqual({ code: 0, out: version, err: '' });
    expect(JSON.parse((await cli(['--version', '--json'])).out)).toEqual({ version });
  });

  test('help as JSON', async () => {
    const result = await cli(['help', 'drift', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).help).toMatch(/^usage: s3-admin drift STACK/);
  });

  test('the process prints the version and exits 0', async () => {
    const result = await cliProcess(['--version'], {});
    expect(result).toMatchObject({ code: 0, out: `${JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')).version}\n` });
  });
});

describe('usage errors: exit 2, the reason and the usage on stderr, nothing on stdout', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['fails on an unknown option', ['inspect', 'bucket', 'a-bucket', '--bogus'], /^s3-admin: unknown option --bogus$/],
    ['fails on an unknown short option', ['drift', 'web', '-x'], /^s3-admin: unknown option -x$/],
    ['fails on --endpoint without a value at the end', ['inspect', 'bucket', 'a-bucket', '--endpoint'], /^s3-admin: option --endpoint needs a value$/],
    ['fails on a value-taking option followed by another option', ['drift', 'web', '--out', '--force'], /^s3-admin: option --out needs a value \(write --out=VALUE for a value that starts with a dash\)$/],
    ['fails on a flag given a value', ['inspect', 'bucket', 'a-bucket', '--json=yes'], /^s3-admin: option --json takes no value$/],
    ['fails on an empty --endpoint=', ['inspect', 'bucket', 'a-bucket', '--endpoint='], /^s3-admin: option --endpoint needs a value$/],
    ['fails on an --endpoint that is no URL', ['inspect', 'bucket', 'a-bucket', '--endpoint', 'notaurl'], /^s3-admin: --endpoint "notaurl" must be an absolute http\(s\) URL$/],
    ['fails on an --endpoint=URL that is not http(s)', ['inspect', 'user', 'alice', '--endpoint=ftp://127.0.0.1'], /^s3-admin: --endpoint "ftp:\/\/127.0.0.1" must use http or https, not ftp$/],
    ['fails without a command', [], /^s3-admin: no command given$/],
    ['fails on an unknown command', ['frobnicate'], /^s3-admin: unknown command: frobnicate$/],
    ['fails on inspect without what to inspect', ['inspect'], /^s3-admin: unknown command: inspect \(one of inspect bucket, inspect website, inspect user\)$/],
    ['fails on a missing argument', ['inspect', 'bucket'], /^s3-admin: inspect bucket takes NAME, got none$/],
    ['fails on an extra argument', ['inspect', 'bucket', 'a-bucket', 'b-bucket'], /^s3-admin: inspect bucket takes NAME, got "a-bucket" "b-bucket"$/],
    ['fails on an argument adopt does not take', ['adopt', 'everything'], /^s3-admin: adopt takes no argument, got "everything"$/],
    ['fails on a bucket name that cannot be one', ['inspect', 'bucket', 'x'], /^s3-admin: NAME "x" must be a bucket name/],
    ['fails on a domain that cannot be one', ['inspect', 'website', 'localhost'], /^s3-admin: DOMAIN "localhost" must have at least two labels/],
    ['fails on an IAM user name that cannot be one', ['inspect', 'user', 'two words'], /^s3-admin: NAME "two words" an IAM user name /],
    ['fails on an option the command does not take', ['inspect', 'bucket', 'a-bucket', '--force'], /^s3-admin: option --force does not apply to inspect bucket$/],
    ['fails on help for an unknown command', ['help', 'nope'], /^s3-admin: unknown command: nope$/],
    ['fails on an unknown --target', ['adopt', '--target', 's3', 'http://127.0.0.1:1'], /^s3-admin: --target "s3" must be one of rgw, ostor, versity, storj$/],
    ['fails on adopt --target without ENDPOINT', ['adopt', '--target', 'rgw'], /^s3-admin: adopt --target takes ENDPOINT, got none$/],
    ['fails on an admin ENDPOINT with a path', ['adopt', '--target', 'rgw', 'http://127.0.0.1:1/admin'], /^s3-admin: ENDPOINT "http:\/\/127.0.0.1:1\/admin" must be the server root/],
    ['fails on --endpoint with --target', ['adopt', '--target', 'ostor', 'http://127.0.0.1:1', '--endpoint', 'http://127.0.0.1:2'], /^s3-admin: option --endpoint does not apply to adopt --target$/],
    ['fails on a --class that is no class name', ['adopt', '--class', 'my-stack'], /^s3-admin: --class "my-stack" must be a TypeScript class name$/],
  ];

  test.each(cases)('%s', async (_title, argv, reason) => {
    const result = await cli(argv);
    expect(result).toMatchObject({ code: EXIT.usage, out: '' });
    const [first, second] = result.err.split('\n');
    expect(first).toMatch(reason);
    expect(second).toMatch(/^usage: s3-admin /);
  });

  test('fails with the usage of the command named, when it is known', async () => {
    const { err } = await cli(['inspect', 'bucket', 'a-bucket', '--endpoint']);
    expect(err).toBe('s3-admin: option --endpoint needs a value\nusage: s3-admin inspect bucket NAME [--endpoint URL] [--json]\n(more: s3-admin help inspect bucket)');
  });

  test('fails on an S3ADMIN_REQUEST_TIMEOUT_MS that is no number of milliseconds', async () => {
    const result = await cli(['inspect', 'bucket', 'a-bucket'], { ...process.env, S3ADMIN_REQUEST_TIMEOUT_MS: '5s' });
    expect(result).toMatchObject({ code: EXIT.usage, out: '' });
    expect(result.err).toMatch(/^s3-admin: S3ADMIN_REQUEST_TIMEOUT_MS must be a whole number of milliseconds >= 1, got "5s"\nusage: /);
  });

  test('fails when the file to adopt into exists, before any call (the endpoint is never reached)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-exists-')), 'stack.ts');
    fs.writeFileSync(file, '// mine\n');
    const result = await cli(['adopt', '--target', 'rgw', 'http://127.0.0.1:1', '--out', file], { RGW_ADMIN_ACCESS_KEY: 'a', RGW_ADMIN_SECRET_KEY: 'b' });
    expect(result).toMatchObject({ code: EXIT.usage, out: '' });
    expect(result.err).toMatch(/exists: adopt writes a new file \(--out\) and overwrites one only with --force\nusage: s3-admin adopt/);
    expect(fs.readFileSync(file, 'utf8')).toBe('// mine\n');
  });

  test('fails as a process with exit 2 and nothing on stdout', async () => {
    const result = await cliProcess(['inspect', 'bucket', 'a-bucket', '--endpoint', 'notaurl'], {});
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toMatch(/^s3-admin: --endpoint "notaurl" must be an absolute http\(s\) URL\nusage: s3-admin inspect bucket/m);
  });
});

describe('--json: results and errors as JSON on stdout', () => {
  const moto = () => process.env.MOTO_ENDPOINT!;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'testing';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
    await awsClients({ endpoint: moto() }).s3.send(new CreateBucketCommand({ Bucket: 'cli-json-bucket' }));
  });

  test('a result as JSON, with --endpoint=URL', async () => {
    const result = await cli(['inspect', 'bucket', 'cli-json-bucket', `--endpoint=${moto()}`, '--json']);
    expect(result).toMatchObject({ code: EXIT.ok, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({ bucket: 'cli-json-bucket', versioning: 'Disabled', denied: [] });
  });

  test('a result as a table without --json: stdout only', async () => {
    const result = await cli(['inspect', 'bucket', 'cli-json-bucket', `--endpoint=${moto()}`]);
    expect(result).toMatchObject({ code: EXIT.ok, err: '' });
    expect(result.out).toMatch(/^bucket\s+cli-json-bucket$/m);
  });

  test('fails with a JSON usage error on stdout and nothing on stderr', async () => {
    const result = await cli(['inspect', 'bucket', '--json']);
    expect(result).toMatchObject({ code: EXIT.usage, err: '' });
    expect(JSON.parse(result.out)).toEqual({
      error: { code: 'usage', message: 'inspect bucket takes NAME, got none', usage: 'usage: s3-admin inspect bucket NAME [--endpoint URL] [--json]\n(more: s3-admin help inspect bucket)' },
    });
  });

  test('fails with a JSON usage error also when the command line cannot be parsed', async () => {
    const result = await cli(['--json', 'drift', 'web', '--bogus']);
    expect(result).toMatchObject({ code: EXIT.usage, err: '' });
    expect(JSON.parse(result.out).error).toMatchObject({ code: 'usage', message: 'unknown option --bogus', usage: expect.stringMatching(/^usage: s3-admin drift STACK/) });
  });

  test('fails with a JSON notFound error (exit 4) for a stack that was never synthesized', async () => {
    const result = await cli(['drift', 'nope', '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'drift-none-')), `--endpoint=${moto()}`, '--json']);
    expect(result).toMatchObject({ code: EXIT.notFound, err: '' });
    expect(JSON.parse(result.out)).toEqual({ error: { code: 'notFound', message: expect.stringMatching(/^no synthesized stack 'nope' in /) } });
  });

  test('fails with a JSON error whose code names the exit code, and the same on stderr without --json', async () => {
    const env = { ...process.env, RGW_ADMIN_ACCESS_KEY: undefined, RGW_ADMIN_SECRET_KEY: undefined, RGW_ADMIN_CREDENTIALS_FILE: undefined };
    const json = await cli(['adopt', '--target', 'rgw', 'http://127.0.0.1:1', '--out', path.join(os.tmpdir(), 'never-written.ts'), '--json'], env);
    expect(json).toMatchObject({ code: EXIT.failed, err: '' });
    expect(JSON.parse(json.out)).toEqual({
      error: { code: 'failed', message: 'admin credentials missing: set RGW_ADMIN_ACCESS_KEY and RGW_ADMIN_SECRET_KEY, or RGW_ADMIN_CREDENTIALS_FILE to a credentials file in the environment' },
    });
    const text = await cli(['adopt', '--target', 'rgw', 'http://127.0.0.1:1', '--out', path.join(os.tmpdir(), 'never-written.ts')], env);
    expect(text).toEqual({ code: EXIT.failed, out: '', err: `s3-admin: ${JSON.parse(json.out).error.message}` });
  });
});

describe('no command hangs: every call has a time limit and a bounded number of attempts', () => {
  let silent: net.Server;
  let denying: http.Server;
  const sockets: net.Socket[] = [];
  let silentUrl: string;
  let denyingUrl: string;
  const limits = { S3ADMIN_REQUEST_TIMEOUT_MS: '300', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

  beforeAll(async () => {
    // accepts connections, reads what comes, never answers
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    denying = http.createServer((_req, res) => res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>not for you</Message></Error>'));
    await new Promise<void>((r) => denying.listen(0, '127.0.0.1', r));
    denyingUrl = `http://127.0.0.1:${(denying.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    denying.closeAllConnections();
    await Promise.all([new Promise((r) => silent.close(r)), new Promise((r) => denying.close(r))]);
  });

  test('fails with exit 1 within the limit when an AWS endpoint never answers', async () => {
    const result = await cliProcess(['inspect', 'bucket', 'hung-bucket', '--endpoint', silentUrl], limits);
    expect(result.code).toBe(EXIT.failed);
    expect(result.out).toBe('');
    expect(result.err).toContain(`s3-admin: no answer from ${silentUrl} within 300 ms in 3 attempt(s) (S3ADMIN_REQUEST_TIMEOUT_MS sets the limit)\n`);
    // 3 attempts of 300 ms with the SDK's backoff between them, plus starting node
    expect(result.ms).toBeLessThan(15_000);
  });

  test('fails with a JSON error within the limit, --json', async () => {
    const result = await cliProcess(['inspect', 'user', 'hung-user', `--endpoint=${silentUrl}`, '--json'], limits);
    expect(result.code).toBe(EXIT.failed);
    expect(JSON.parse(result.out)).toEqual({ error: { code: 'failed', message: `no answer from ${silentUrl} within 300 ms in 3 attempt(s) (S3ADMIN_REQUEST_TIMEOUT_MS sets the limit)` } });
    expect(result.ms).toBeLessThan(15_000);
  });

  test('fails with exit 1 within the limit when an admin API never answers', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-hang-')), 'stack.ts');
    const result = await cliProcess(['adopt', '--target', 'rgw', silentUrl, '--out', file], { ...limits, RGW_ADMIN_ACCESS_KEY: 'a', RGW_ADMIN_SECRET_KEY: 'b' });
    expect(result).toMatchObject({ code: EXIT.failed, out: '' });
    expect(result.err).toContain('s3-admin: RGW list users failed: no answer within 300 ms in 3 attempt(s) (S3ADMIN_REQUEST_TIMEOUT_MS sets the limit)\n');
    expect(result.ms).toBeLessThan(15_000);
    expect(fs.existsSync(file)).toBe(false);
  });

  test('fails with exit 3 when the admin API denies the call', async () => {
    const env = { ...process.env, ...limits, VERSITY_ADMIN_ACCESS_KEY: 'a', VERSITY_ADMIN_SECRET_KEY: 'b' };
    const result = await cli(['adopt', '--target', 'versity', denyingUrl, '--out', path.join(os.tmpdir(), 'never-written.ts'), '--json'], env);
    expect(result.code).toBe(EXIT.denied);
    expect(JSON.parse(result.out)).toEqual({ error: { code: 'denied', message: 'VersityGW list users failed: HTTP 403 AccessDenied: not for you' } });
    expect(result.err).toBe('[s3-admin] scanning VersityGW at ' + denyingUrl);
  });
});
