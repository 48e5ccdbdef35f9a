import {
  bucketAdminGroupName,
  bucketAdminPolicyName,
  parseAdminName,
  websiteAdminGroupName,
  websiteAdminPolicyName,
  websiteHeadersPolicyName,
} from '../lib/rules/conventions';

describe('naming conventions of the replaced service', () => {
  test.each([
    [bucketAdminPolicyName, 'foobarbucketname', 'foobarbucketname-BktAdmPlc'],
    [bucketAdminGroupName, 'foobarbucketname', 'foobarbucketname-BktAdmGrp'],
    [websiteAdminPolicyName, 'foobar.bulldogs.cloud', 'foobar.bulldogs.cloud-WebAdmPlc'],
    [websiteAdminGroupName, 'foobar.bulldogs.cloud', 'foobar.bulldogs.cloud-WebAdmGrp'],
    [websiteHeadersPolicyName, 'foobar.bulldogs.cloud', 'foobar-bulldogs-cloud-SecurityHeaders'],
  ])('%p(%s) is %s', (name, owner, expected) => {
    expect(name(owner)).toBe(expected);
  });

  test.each([
    ['acme-BktAdmPlc', { kind: 'bucketAdminPolicy', owner: 'acme' }],
    ['acme-BktAdmGrp', { kind: 'bucketAdminGroup', owner: 'acme' }],
    ['www.acme.example-WebAdmPlc', { kind: 'websiteAdminPolicy', owner: 'www.acme.example' }],
    ['www.acme.example-WebAdmGrp', { kind: 'websiteAdminGroup', owner: 'www.acme.example' }],
    ['-BktAdmGrp', undefined],
    ['acme-admins', undefined],
    ['acme-bktadmgrp', undefined],
  ])('parseAdminName(%s) is %p', (name, expected) => {
    expect(parseAdminName(name)).toEqual(expected);
  });

  test('every name the functions build parses back to its owner', () => {
    for (const build of [bucketAdminPolicyName, bucketAdminGroupName, websiteAdminPolicyName, websiteAdminGroupName]) {
      expect(parseAdminName(build('a.b-c'))?.owner).toBe('a.b-c');
    }
  });
});
