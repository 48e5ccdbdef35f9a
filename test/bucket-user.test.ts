import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { BucketUser } from '../constructs/bucket-user';
import { newStack, resourcesOf, synthJson, theResource } from './support/synth';

const warningsOf = (user: BucketUser) => user.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));

describe('BucketUser', () => {
  test('creates the user, its group membership and one access key', () => {
    const { json } = synthJson((s) => new BucketUser(s, 'U', { userName: 'somebucketuser', groups: ['g1', 'g2'] }));
    expect(theResource(json, 'aws_iam_user').name).toBe('somebucketuser');
    expect(theResource(json, 'aws_iam_user_group_membership').groups).toEqual(['g1', 'g2']);
    expect(theResource(json, 'aws_iam_access_key').user).toMatch(/^\$\{aws_iam_user\.[^.]+\.name\}$/);
  });

  test("the deprecated 'groups' still works and earns a warning naming what replaces it", () => {
    // GIVEN / WHEN
    const stack = newStack();
    const user = new BucketUser(stack, 'U', { userName: 'old-style', groups: ['g1'] });
    // THEN
    expect(theResource(JSON.parse(Testing.synth(stack)), 'aws_iam_user_group_membership').groups).toEqual(['g1']);
    expect(warningsOf(user)).toEqual([expect.stringMatching(/^'groups' is deprecated and will be removed in the next release: grant rights instead \(bucket\.grantAdmin\(user\), site\.grantWebAdmin\(user\)\)/)]);
  });

  test('no warning without groups', () => {
    expect(warningsOf(new BucketUser(newStack(), 'U', { userName: 'new-style' }))).toEqual([]);
  });

  test('addToGroup makes one membership on first use and adds each group once', () => {
    // GIVEN
    const stack = newStack();
    const user = new BucketUser(stack, 'U', { userName: 'member' });
    // WHEN
    const first = user.addToGroup('g1');
    const second = user.addToGroup('g2');
    user.addToGroup('g1');
    // THEN
    expect(second).toBe(first);
    expect(first.node.id).toBe('Groups');
    expect(theResource(JSON.parse(Testing.synth(stack)), 'aws_iam_user_group_membership').groups).toEqual(['g1', 'g2']);
  });

  test('makes no membership resource without groups', () => {
    const { json } = synthJson((s) => new BucketUser(s, 'U', { userName: 'loner' }));
    expect(resourcesOf(json, 'aws_iam_user_group_membership')).toHaveLength(0);
  });

  test('the key is created before the old one is destroyed and is replaced when the generation changes', () => {
    const { json } = synthJson((s) => new BucketUser(s, 'U', { userName: 'rotator', keyRotation: 3 }));
    const key = theResource(json, 'aws_iam_access_key');
    const [generationAddress, generation] = Object.entries(json.resource!.terraform_data)[0];
    expect(generation.input).toEqual({ generation: 3 });
    expect(key.lifecycle).toEqual({
      create_before_destroy: true,
      replace_triggered_by: [`terraform_data.${generationAddress}`],
    });
  });

  test('rotating keeps the key at the same address, so Terraform replaces it instead of adding a second', () => {
    const keyAddress = (rotation: number) =>
      Object.keys(synthJson((s) => new BucketUser(s, 'U', { userName: 'rotator', keyRotation: rotation })).json.resource!.aws_iam_access_key);
    expect(keyAddress(2)).toEqual(keyAddress(1));
  });

  test('no secret value and no secret reference appear outside a sensitive output', () => {
    const { json, text } = synthJson((s) => new BucketUser(s, 'U', { userName: 'somebucketuser', outputSecret: true }));
    const outputs = Object.values(json.output ?? {});
    const secretOutputs = outputs.filter((o) => /\.secret\}$/.test(o.value));
    expect(secretOutputs).toEqual([expect.objectContaining({ sensitive: true })]);
    expect(outputs.filter((o) => /\.id\}$/.test(o.value))).toHaveLength(1);
    // the only place the secret attribute is referenced at all is that sensitive output
    expect(text.match(/\.secret\}/g)).toHaveLength(1);
    expect(text).not.toMatch(/SecretAccessKey"\s*:\s*"[A-Za-z0-9/+]{40}"/);
  });

  test('publishes no output unless asked', () => {
    const { json } = synthJson((s) => new BucketUser(s, 'U', { userName: 'quiet' }));
    expect(json.output).toBeUndefined();
  });

  test('fails for an invalid IAM user name', () => {
    expect(() => new BucketUser(newStack(), 'U', { userName: 'no spaces' })).toThrow(
      /\[test\/U\] 'userName' is invalid, got "no spaces": an IAM user name may contain only letters, digits and \+ = , \. @ _ - \(' ' at offset 2\)/,
    );
  });

  test('fails for a user name over 64 characters', () => {
    expect(() => new BucketUser(newStack(), 'U', { userName: 'u'.repeat(65) })).toThrow(/1 to 64 characters long \(it has 65\)/);
  });

  test('fails for an unknown keyRotationPeriod, listing the periods', () => {
    expect(() => new BucketUser(newStack(), 'U', { userName: 'u', keyRotationPeriod: 'week' as never })).toThrow(
      /\[test\/U\] 'keyRotationPeriod' is invalid, got "week": must be one of month, quarter, year/,
    );
  });

  test.each([0, 1.5, -2])('fails for keyRotation %p', (keyRotation) => {
    expect(() => new BucketUser(newStack(), 'U', { userName: 'u', keyRotation })).toThrow(
      /'keyRotation' is invalid, got .*: must be a whole number >= 1/,
    );
  });
});
