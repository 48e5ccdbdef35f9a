import { OperationContext, createContext } from './context';
import { ObjectLifecycle } from './operations/operation';
import { cloudfrontInvalidation } from './operations/cloudfront-invalidation';
import { ostorKey, ostorKeyBinding, ostorUser } from './operations/ostor';
import { rgwBucket } from './operations/rgw-bucket';
import { rgwKey } from './operations/rgw-key';
import { rgwUser } from './operations/rgw-user';
import { versityBucketOwner, versityUser } from './operations/versity';
import { ACTIONS, Action, HandlerRequest, READ_ACTION, REQUEST_ENV, ResourceKind } from './request';

type Reader = (ctx: OperationContext) => Promise<Record<string, string>>;

const LIFECYCLES: Record<ResourceKind, ObjectLifecycle & { read?: Reader }> = {
  'rgw-user': rgwUser,
  'rgw-key': rgwKey,
  'rgw-bucket': rgwBucket,
  'versity-user': versityUser,
  'versity-bucket-owner': versityBucketOwner,
  'ostor-user': ostorUser,
  'ostor-key': ostorKey,
  'ostor-key-binding': ostorKeyBinding,
  'cloudfront-invalidation': cloudfrontInvalidation,
};

export interface HandlerIo {
  /** Progress and errors (stderr). */
  log(line: string): void;
  /** The data source's query (stdin), read only for `read`. */
  readInput(): Promise<string>;
  /** The data source's result (stdout). */
  write(text: string): void;
}

function describe(request: HandlerRequest): string {
  const p = request.props;
  const name = p.uid ?? p.bucket ?? p.email ?? p.accessKey ?? p.distributionId ?? '';
  return `${request.kind} ${String(name)}`.trim();
}

async function parseRequest(action: string, env: NodeJS.ProcessEnv, io: HandlerIo): Promise<HandlerRequest> {
  if (action === READ_ACTION) return JSON.parse(JSON.parse(await io.readInput()).request);
  return JSON.parse(env[REQUEST_ENV] ?? '');
}

/**
 * The program Terraform runs: `node s3-admin-handler.js <create|reconcile|delete>` from local-exec, with the
 * request in S3ADMIN_REQUEST, or `... read` from the external data source, with the request on stdin.
 * Progress goes to stderr; the exit code tells Terraform whether it worked.
 */
export async function runHandler(argv: string[], env: NodeJS.ProcessEnv, io: HandlerIo): Promise<number> {
  const action = argv[0];
  if (!ACTIONS.includes(action as Action) && action !== READ_ACTION) {
    io.log(`usage: s3-admin-handler <${[...ACTIONS, READ_ACTION].join('|')}>  (request JSON in ${REQUEST_ENV}, or on stdin for read)`);
    return 2;
  }
  let request: HandlerRequest;
  try {
    request = await parseRequest(action, env, io);
  } catch {
    io.log(`error: ${action === READ_ACTION ? 'stdin' : REQUEST_ENV} must hold the request JSON that the construct synthesized`);
    return 2;
  }
  const lifecycle = LIFECYCLES[request.kind];
  if (!lifecycle || (action === READ_ACTION && !lifecycle.read)) {
    io.log(`error: unknown resource kind '${request.kind}' for ${action} (known: ${Object.keys(LIFECYCLES).join(', ')})`);
    return 2;
  }
  const what = describe(request);
  const started = Date.now();
  let ctx: OperationContext | undefined;
  try {
    ctx = createContext(request, action as Action, env, (m) => io.log(`[s3-admin] ${what}: ${m}`));
    if (action === READ_ACTION) io.write(JSON.stringify(await lifecycle.read!(ctx)));
    else await lifecycle[action as Action](ctx);
    io.log(`[s3-admin] ${what}: ${action} done in ${Date.now() - started} ms`);
    return 0;
  } catch (e) {
    io.log(`[s3-admin] ${what}: ${action} failed: ${(e as Error).message}`);
    return 1;
  } finally {
    ctx?.close();
  }
}
