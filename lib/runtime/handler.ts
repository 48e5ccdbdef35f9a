import { OperationContext, createContext } from './context';
import { ObjectLifecycle } from './operations/operation';
import { rgwBucket } from './operations/rgw-bucket';
import { rgwKey } from './operations/rgw-key';
import { rgwUser } from './operations/rgw-user';
import { versityBucketOwner, versityUser } from './operations/versity';
import { ACTIONS, Action, HandlerRequest, REQUEST_ENV, ResourceKind } from './request';

const LIFECYCLES: Record<ResourceKind, ObjectLifecycle> = {
  'rgw-user': rgwUser,
  'rgw-key': rgwKey,
  'rgw-bucket': rgwBucket,
  'versity-user': versityUser,
  'versity-bucket-owner': versityBucketOwner,
};

function describe(request: HandlerRequest): string {
  const p = request.props;
  const name = p.uid ?? p.bucket ?? p.accessKey ?? p.email ?? '';
  return `${request.kind} ${String(name)}`.trim();
}

/**
 * The program Terraform's local-exec runs: `node s3-admin-handler.js <create|reconcile|delete>` with the
 * request in S3ADMIN_REQUEST. Progress goes to stderr; the exit code tells Terraform whether it worked.
 */
export async function runHandler(argv: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<number> {
  const action = argv[0] as Action;
  if (!ACTIONS.includes(action)) {
    log(`usage: s3-admin-handler <${ACTIONS.join('|')}>  (request JSON in ${REQUEST_ENV})`);
    return 2;
  }
  let request: HandlerRequest;
  try {
    request = JSON.parse(env[REQUEST_ENV] ?? '');
  } catch {
    log(`error: ${REQUEST_ENV} must hold the request JSON that the construct synthesized`);
    return 2;
  }
  const lifecycle = LIFECYCLES[request.kind];
  if (!lifecycle) {
    log(`error: unknown resource kind '${request.kind}' (known: ${Object.keys(LIFECYCLES).join(', ')})`);
    return 2;
  }
  const what = describe(request);
  const started = Date.now();
  let ctx: OperationContext | undefined;
  try {
    ctx = createContext(request, action, env, (m) => log(`[s3-admin] ${what}: ${m}`));
    await lifecycle[action](ctx);
    log(`[s3-admin] ${what}: ${action} done in ${Date.now() - started} ms`);
    return 0;
  } catch (e) {
    log(`[s3-admin] ${what}: ${action} failed: ${(e as Error).message}`);
    return 1;
  } finally {
    ctx?.close();
  }
}
