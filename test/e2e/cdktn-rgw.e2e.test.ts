import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listBucketsWith, rgwAdmin } from '../support/admin-clients';
import { repoRoot } from '../support/repo-root';
import { expectOk, node22, ToolkitProject, TOFU_BINARY } from '../cdktn/toolkit-project';
import { requireBuilds } from '../cdktn/toolkits';

const ROOT = repoRoot();
const RGW = process.env.RGW_ENDPOINT!;

/*
 * stacks/rgw-example.ts deployed through `cdktn deploy` on OpenTofu against the real RGW the test setup starts
 * (with cdktn-s3-admin, as a cdktn user would), and a stack deployed with cdktf then taken over by cdktn
 * without replacing anything. The projects are test/cdktn/toolkit-project.ts's: the cdktn CLI on Node 22, a
 * `terraform` shim first on PATH that records any call and hands it to OpenTofu.
 */

/** The access key ids in the state, by uid. */
function stateKeys(project: ToolkitProject): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  for (const r of project.state().resources.filter((r) => r.type === 's3admin_rgw_access_key')) {
    for (const i of r.instances) (keys[i.attributes.uid] ??= []).push(i.attributes.access_key_id);
  }
  return keys;
}

/** OpenTofu's version as it writes it into a state. */
const tofuVersion = () => JSON.parse(execFileSync(TOFU_BINARY, ['version', '-json'], { encoding: 'utf8' })).terraform_version as string;

describe('e2e: RGW example stack deployed with cdktn (cdktn-s3-admin) on OpenTofu', () => {
  const { rgw, http } = rgwAdmin();
  const tenant = 'e2e-cdktn';
  const [owner, analyst] = [`${tenant}-owner`, `${tenant}-analyst`];
  const props = { url: RGW, tenant, displayName: 'Foobar owner', quotaMaxObjects: 100 };
  let project: ToolkitProject;
  let passed = 0;

  beforeAll(async () => {
    requireBuilds();
    for (const uid of [owner, analyst]) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
    project = new ToolkitProject('rgw-cdktn', node22());
    project.use('cdktn');
  });
  afterAll(async () => {
    if (passed === 6) fs.rmSync(project.dir, { recursive: true, force: true });
    else console.log(`cdktn e2e project kept for a look: ${project.dir} (logs in logs/)`);
    http.close();
  });

  test('1. cdktn deploy: users, keys and bucket exist as declared, and the keys work', async () => {
    const result = await project.cli(['deploy', project.stackName, '--auto-approve'], props);
    expectOk(result, 'cdktn deploy');
    expect(project.flat(result)).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
    expect(project.tfJson()['//'].metadata.version).toBe(require(path.join(ROOT, 'node_modules', 'cdktn', 'package.json')).version);
    expect(await rgw.getUser(owner)).toMatchObject({ display_name: 'Foobar owner', email: `owner@${tenant}.example` });
    expect((await rgw.bucketStats(`${tenant}-data`))!.owner).toBe(owner);
    const keys = stateKeys(project);
    for (const uid of [owner, analyst]) {
      const user = (await rgw.getUser(uid))!;
      expect(user.keys.map((k) => k.access_key)).toEqual(keys[uid]);
      expect(await listBucketsWith(RGW, user.keys[0].access_key, user.keys[0].secret_key)).toBe(200);
    }
    passed++;
  });

  test('2. cdktn 0.24 runs the engine TERRAFORM_BINARY_NAME names: the state is OpenTofu\'s, nothing went through `terraform`', () => {
    expect(project.state().terraform_version).toBe(tofuVersion());
    // if this fails, cdktn spawned `terraform` (as reported for some runners); the shim kept it on OpenTofu
    expect(project.shimCalls()).toEqual([]);
    passed++;
  });

  test('3. only TERRAFORM_BINARY_NAME counts: with the name in cdktf.json and CDKTF_TERRAFORM_BINARY_NAME instead, cdktn runs `terraform`', async () => {
    const { TERRAFORM_BINARY_NAME: _named, ...unnamed } = project.env;
    const config = path.join(project.dir, 'cdktf.json');
    const before = fs.readFileSync(config, 'utf8');
    fs.writeFileSync(config, JSON.stringify({ ...JSON.parse(before), terraformBinaryName: 'tofu' }));
    try {
      const diff = await project.cli(['diff', project.stackName], undefined, { ...unnamed, CDKTF_TERRAFORM_BINARY_NAME: 'tofu' });
      expectOk(diff, 'cdktn diff');
      expect(project.flat(diff)).toMatch(/No changes\. Your infrastructure matches the configuration/);
    } finally {
      fs.writeFileSync(config, before);
    }
    // every engine call went to `terraform`: here the shim, which handed them to OpenTofu
    expect(project.shimCalls(true)).toEqual(expect.arrayContaining([expect.stringMatching(/^terraform init/), expect.stringMatching(/^terraform plan/)]));
    passed++;
  });

  test('4. re-plan: tofu plan -detailed-exitcode exits 0', async () => {
    const plan = await project.tofu(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect(plan.code).toBe(0);
    expect(project.flat(plan)).toMatch(/No changes\. Your infrastructure matches the configuration/);
    passed++;
  });

  test('5. a changed display name and quota: cdktn deploy updates in place (same user, same keys)', async () => {
    const before = stateKeys(project);
    const result = await project.cli(['deploy', project.stackName, '--auto-approve'], { ...props, displayName: 'Foobar owner (renamed)', quotaMaxObjects: 200 });
    expectOk(result, 'cdktn deploy');
    expect(project.flat(result)).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
    const user = (await rgw.getUser(owner))!;
    expect(user).toMatchObject({ display_name: 'Foobar owner (renamed)' });
    expect(user.user_quota.max_objects).toBe(200);
    expect(stateKeys(project)).toEqual(before);
    passed++;
  });

  test('6. cdktn destroy removes the users and the bucket', async () => {
    const result = await project.cli(['destroy', project.stackName, '--auto-approve']);
    expectOk(result, 'cdktn destroy');
    expect(project.flat(result)).toMatch(/Destroy complete! Resources: 5 destroyed/);
    expect(await rgw.getUser(owner)).toBeUndefined();
    expect(await rgw.getUser(analyst)).toBeUndefined();
    expect(project.shimCalls()).toEqual([]);
    passed++;
  });
});

describe('e2e: a stack deployed with cdktf moves to cdktn without replacing anything', () => {
  const { rgw, http } = rgwAdmin();
  const tenant = 'e2e-moved';
  const [owner, analyst] = [`${tenant}-owner`, `${tenant}-analyst`];
  const props = { url: RGW, tenant };
  let project: ToolkitProject;
  let deployed: { keys: Record<string, string[]>; tfJson: any };
  let passed = 0;

  beforeAll(async () => {
    requireBuilds();
    for (const uid of [owner, analyst]) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
    project = new ToolkitProject('rgw-moved', node22());
  });
  afterAll(async () => {
    if (passed === 5) fs.rmSync(project.dir, { recursive: true, force: true });
    else console.log(`cdktf-to-cdktn e2e project kept for a look: ${project.dir} (logs in logs/)`);
    http.close();
  });

  test('1. cdktf deploy with cdktf-s3-admin', async () => {
    project.use('cdktf');
    const result = await project.cli(['deploy', project.stackName, '--auto-approve'], props);
    expectOk(result, 'cdktf deploy');
    expect(project.flat(result)).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
    deployed = { keys: stateKeys(project), tfJson: project.tfJson() };
    expect(Object.keys(deployed.keys).sort()).toEqual([analyst, owner]);
    passed++;
  });

  test('2. the same app on cdktn-s3-admin: cdktn synth writes the same stack (same logical ids), apart from the toolkit version', async () => {
    project.use('cdktn');
    expectOk(await project.cli(['synth'], props), 'cdktn synth');
    const now = project.tfJson();
    expect(deployed.tfJson['//'].metadata.version).not.toBe(now['//'].metadata.version);
    delete deployed.tfJson['//'].metadata.version;
    delete now['//'].metadata.version;
    expect(now).toEqual(deployed.tfJson);
    passed++;
  });

  test('3. after the switch, plan -detailed-exitcode exits 0: nothing to create, change or replace', async () => {
    expectOk(await project.tofu(['init', '-input=false', '-no-color']), 'tofu init');
    const plan = await project.tofu(['plan', '-detailed-exitcode', '-no-color', '-input=false']);
    expect({ code: plan.code, log: plan.code === 0 ? '' : project.flat(plan) }).toEqual({ code: 0, log: '' });
    expect(project.flat(plan)).toMatch(/No changes\. Your infrastructure matches the configuration/);
    passed++;
  });

  test('4. cdktn deploy then changes nothing: the same users and keys as cdktf made them', async () => {
    const result = await project.cli(['deploy', project.stackName, '--auto-approve'], props);
    expectOk(result, 'cdktn deploy');
    expect(project.flat(result)).toMatch(/No changes\. Your infrastructure matches the configuration|Resources: 0 added, 0 changed, 0 destroyed/);
    expect(stateKeys(project)).toEqual(deployed.keys);
    for (const uid of [owner, analyst]) expect((await rgw.getUser(uid))!.keys.map((k) => k.access_key)).toEqual(deployed.keys[uid]);
    expect(project.shimCalls()).toEqual([]);
    passed++;
  });

  test('5. cdktn destroy removes what cdktf made', async () => {
    expectOk(await project.cli(['destroy', project.stackName, '--auto-approve']), 'cdktn destroy');
    expect(await rgw.getUser(owner)).toBeUndefined();
    expect(await rgw.getUser(analyst)).toBeUndefined();
    passed++;
  });
});
