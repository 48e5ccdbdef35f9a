/**
 * The plan rules (lib/provider/plan.ts) on the real resource types, with hand-made objects in the shape the
 * engine sends: config, its proposed new state, and the prior state.
 */
import { configProblems, planChange, withDefaults } from '../../lib/provider/plan';
import { CtyObject, CtyValue, isUnknown, UNKNOWN } from '../../lib/provider/protocol/cty-value';
import { rgwAccessKey } from '../../lib/provider/resources/rgw-access-key';
import { rgwUser } from '../../lib/provider/resources/rgw-user';
import { S3ADMIN_PROVIDER } from '../../lib/provider/s3admin';
import { Attribute } from '../../lib/schema/attribute';
import { RGW_ACCESS_KEY, RGW_USER } from '../../lib/schema/rgw';
import { keyConfig, keyState, objectOf, proposedNew, userConfig, userState } from '../support/provider/rgw-objects';

const USER = RGW_USER.attributes;
const KEY = RGW_ACCESS_KEY.attributes;

/** The plan of a user or key from prior state and config, with the engine's proposed new state between them. */
const planUser = (prior: CtyObject | null, config: CtyObject) => planChange(rgwUser, prior, proposedNew(USER, prior, config), config);
const planKey = (prior: CtyObject | null, config: CtyObject) => planChange(rgwAccessKey, prior, proposedNew(KEY, prior, config), config);

describe('planChange on create', () => {
  it('plans computed attributes left out of config as unknown', () => {
    // GIVEN configs that leave out the user's email and max_buckets, and the key's id and secret
    // WHEN planned with no prior state
    const user = planUser(null, userConfig());
    const key = planKey(null, keyConfig());

    // THEN they are unknown (planning null, then setting them, is "inconsistent result after apply")
    expect(isUnknown(user.planned!.email)).toBe(true);
    expect(isUnknown(user.planned!.max_buckets)).toBe(true);
    expect(isUnknown(key.planned!.access_key_id)).toBe(true);
    expect(isUnknown(key.planned!.secret_access_key)).toBe(true);
  });

  it('plans the default of a computed attribute left out of config', () => {
    // GIVEN / WHEN
    const user = planUser(null, userConfig());
    const key = planKey(null, keyConfig());

    // THEN
    expect(user.planned!.suspended).toBe(false);
    expect(user.planned!.purge_data).toBe(false);
    expect(key.planned!.max_keys).toBe(4);
  });

  it('keeps what the config sets, and lists no replacement', () => {
    // GIVEN configs that set computed attributes and optional ones
    const user = planUser(null, userConfig({ email: 'a@example.com', max_buckets: 10, suspended: true, user_quota: { max_objects: 5 } }));
    const key = planKey(null, keyConfig({ max_keys: 2, access_key_id: 'AKGIVEN' }));

    // THEN the planned values are the config's
    expect(user.planned).toEqual(userConfig({ email: 'a@example.com', max_buckets: 10, suspended: true, purge_data: false, user_quota: { max_objects: 5 } }));
    expect(key.planned).toMatchObject({ max_keys: 2, access_key_id: 'AKGIVEN', rotation: 1 });
    expect(isUnknown(key.planned!.secret_access_key)).toBe(true);
    expect(user.requiresReplace).toEqual([]);
    expect(key.requiresReplace).toEqual([]);
  });
});

describe('planChange on create, for every resource type of the provider', () => {
  /** Some known value of the attribute's kind. */
  const sample = (attribute: Attribute): CtyValue =>
    ({ string: 'x', number: 1, bool: false, map: {}, list: [], set: [], object: objectOf(attribute.attributes ?? {}, {}) })[attribute.kind];

  it.each(S3ADMIN_PROVIDER.resources.map((type) => [type.schema.typeName, type] as const))(
    '%s: plans each computed attribute left out of config unknown or known, never null',
    (_name, type) => {
      // GIVEN a config of the required attributes only
      const attributes = type.schema.attributes;
      const config = objectOf(attributes, Object.fromEntries(Object.entries(attributes).filter(([, a]) => a.mode === 'required').map(([n, a]) => [n, sample(a)])));

      // WHEN a create is planned
      const { planned } = planChange(type, null, proposedNew(attributes, null, config), config);

      // THEN each computed attribute is unknown or has a value (planned null, then set: "inconsistent result after apply")
      const computed = Object.entries(attributes).filter(([, a]) => a.mode === 'computed' || a.mode === 'optionalComputed');
      for (const [name] of computed) expect(`${name}: ${planned![name] === null ? 'planned null' : 'unknown or known'}`).toBe(`${name}: unknown or known`);
    },
  );
});

describe('planChange on update', () => {
  it('keeps the prior value of an optionalComputed attribute left out of config', () => {
    // GIVEN a user and a key whose computed attributes came from the server
    // WHEN the same config is planned again
    const user = planUser(userState({ max_buckets: 7 }), userConfig());
    const key = planKey(keyState(), keyConfig());

    // THEN nothing changes: the prior values stay, nothing becomes unknown
    expect(user.planned).toEqual(userState({ max_buckets: 7 }));
    expect(key.planned).toEqual(keyState());
    expect(user.requiresReplace).toEqual([]);
    expect(key.requiresReplace).toEqual([]);
  });

  it('changes display_name in place: no replacement, computed attributes stay known', () => {
    // GIVEN / WHEN
    const { planned, requiresReplace } = planUser(userState(), userConfig({ display_name: 'Alice Liddell' }));

    // THEN
    expect(requiresReplace).toEqual([]);
    expect(planned).toEqual(userState({ display_name: 'Alice Liddell' }));
  });

  it('changes user_quota in place', () => {
    // GIVEN a quota added, then one changed
    const added = planUser(userState(), userConfig({ user_quota: { max_objects: 10 } }));
    const changed = planUser(userState({ user_quota: { max_objects: 10, max_size_bytes: null } }), userConfig({ user_quota: { max_objects: 20 } }));

    // THEN neither replaces the user
    expect(added.requiresReplace).toEqual([]);
    expect(changed.requiresReplace).toEqual([]);
    expect(changed.planned!.user_quota).toEqual({ max_objects: 20, max_size_bytes: null });
    expect(changed.planned!.email).toBe('alice@example.com');
  });

  it('lists a changed uid in requiresReplace and plans the computed attributes unknown', () => {
    // GIVEN alice, WHEN the config names bob
    const { planned, requiresReplace } = planUser(userState(), userConfig({ uid: 'bob' }));

    // THEN the user is replaced; the new one's server values are not known yet; defaults stay
    expect(requiresReplace).toEqual(['uid']);
    expect(planned!.uid).toBe('bob');
    expect(isUnknown(planned!.email)).toBe(true);
    expect(isUnknown(planned!.max_buckets)).toBe(true);
    expect(planned!.suspended).toBe(false);
    expect(planned!.display_name).toBe('Alice');
  });

  it('lists a changed rotation in requiresReplace and plans a new key id and secret', () => {
    // GIVEN key generation 1, WHEN the config asks for generation 2
    const { planned, requiresReplace } = planKey(keyState(), keyConfig({ rotation: 2 }));

    // THEN only rotation forces the replacement, and the new pair is unknown
    expect(requiresReplace).toEqual(['rotation']);
    expect(isUnknown(planned!.access_key_id)).toBe(true);
    expect(isUnknown(planned!.secret_access_key)).toBe(true);
    expect(planned!.max_keys).toBe(4);
  });

  it('keeps a key id the config gives when the key is replaced', () => {
    // GIVEN a declared key id, WHEN the rotation changes
    const { planned, requiresReplace } = planKey(keyState({ access_key_id: 'AKGIVEN' }), keyConfig({ rotation: 2, access_key_id: 'AKGIVEN' }));

    // THEN the id is the declared one, the secret is unknown
    expect(requiresReplace).toEqual(['rotation']);
    expect(planned!.access_key_id).toBe('AKGIVEN');
    expect(isUnknown(planned!.secret_access_key)).toBe(true);
  });

  it('returns an attribute with a default to it when it leaves the config', () => {
    // GIVEN a suspended user, WHEN suspended leaves the config
    const { planned, requiresReplace } = planUser(userState({ suspended: true }), userConfig());

    // THEN it is planned back to its default, in place
    expect(planned!.suspended).toBe(false);
    expect(requiresReplace).toEqual([]);
  });
});

describe('planChange on destroy', () => {
  it('plans null when the proposed state is null', () => {
    // GIVEN / WHEN the engine plans a destroy (proposed and config null)
    const user = planChange(rgwUser, userState(), null, null);
    const key = planChange(rgwAccessKey, keyState(), null, null);

    // THEN
    expect(user).toEqual({ planned: null, requiresReplace: [] });
    expect(key).toEqual({ planned: null, requiresReplace: [] });
  });
});

describe('planChange with unknown config values', () => {
  it('counts an unknown uid as a change that replaces the user', () => {
    // GIVEN a uid that comes from another resource not created yet
    const { planned, requiresReplace } = planUser(userState(), userConfig({ uid: UNKNOWN }));

    // THEN the user may be another one: replaced, its computed values unknown
    expect(requiresReplace).toEqual(['uid']);
    expect(isUnknown(planned!.uid)).toBe(true);
    expect(isUnknown(planned!.email)).toBe(true);
  });

  it('counts an unknown rotation as a change that replaces the key', () => {
    // GIVEN / WHEN
    const { requiresReplace, planned } = planKey(keyState(), keyConfig({ rotation: UNKNOWN }));

    // THEN
    expect(requiresReplace).toEqual(['rotation']);
    expect(isUnknown(planned!.secret_access_key)).toBe(true);
  });

  it('plans unknown mutable values in place', () => {
    // GIVEN an unknown display name, an unknown quota limit and an unknown optionalComputed attribute
    const { planned, requiresReplace } = planUser(userState(), userConfig({ display_name: UNKNOWN, user_quota: { max_objects: UNKNOWN }, suspended: UNKNOWN }));

    // THEN they stay unknown, and the user is updated in place
    expect(requiresReplace).toEqual([]);
    expect(isUnknown(planned!.display_name)).toBe(true);
    expect(isUnknown((planned!.user_quota as CtyObject).max_objects)).toBe(true);
    expect(isUnknown(planned!.suspended)).toBe(true);
    expect(planned!.email).toBe('alice@example.com');
  });

  it('plans a create whose values are unknown', () => {
    // GIVEN a key whose user and rotation are unknown at plan time
    const { planned } = planKey(null, keyConfig({ uid: UNKNOWN, rotation: UNKNOWN }));

    // THEN
    expect(isUnknown(planned!.uid)).toBe(true);
    expect(isUnknown(planned!.rotation)).toBe(true);
    expect(planned!.max_keys).toBe(4);
  });
});

describe('configProblems', () => {
  it('accepts a valid config', () => {
    // GIVEN / WHEN / THEN
    expect(configProblems(rgwUser, userConfig({ email: 'a@example.com', user_quota: { max_objects: 0, max_size_bytes: 1024 }, caps: 'usage=read' }))).toEqual([]);
    expect(configProblems(rgwAccessKey, keyConfig())).toEqual([]);
  });

  it('reports a missing required attribute by its name', () => {
    // GIVEN a user without display_name
    const problems = configProblems(rgwUser, userConfig({ display_name: null }));

    // THEN
    expect(problems).toEqual([{ attribute: 'display_name', message: "'display_name' is required" }]);
  });

  it("reports each attribute's broken rule with the attribute's path", () => {
    // GIVEN a uid with a space and a key rotation of 0
    const user = configProblems(rgwUser, userConfig({ uid: 'alice smith' }));
    const key = configProblems(rgwAccessKey, keyConfig({ rotation: 0 }));

    // THEN each names the attribute and the rule
    expect(user).toEqual([{ attribute: 'uid', message: expect.stringContaining("'uid' is invalid, got \"alice smith\"") }]);
    expect(key).toEqual([{ attribute: 'rotation', message: expect.stringMatching(/'rotation' is invalid, got 0: must be a whole number >= 1/) }]);
  });

  it.each([-1, 1.5])('reports user_quota.max_objects = %p with its nested path', (maxObjects) => {
    // GIVEN a quota with an impossible limit
    const problems = configProblems(rgwUser, userConfig({ user_quota: { max_objects: maxObjects } }));

    // THEN the path goes into the nested object
    expect(problems).toEqual([{ attribute: 'user_quota.max_objects', message: `'user_quota.max_objects' is invalid, got ${maxObjects}: must be a whole number >= 0` }]);
  });

  it('reports every broken rule at once', () => {
    // GIVEN three broken attributes in two nested objects and at the top
    const problems = configProblems(rgwUser, userConfig({ max_buckets: -5, user_quota: { max_objects: -1 }, bucket_quota: { max_size_bytes: 1.5 } }));

    // THEN all three are listed
    expect(problems.map((p) => p.attribute).sort()).toEqual(['bucket_quota.max_size_bytes', 'max_buckets', 'user_quota.max_objects']);
  });

  it('skips unknown values, also a required one', () => {
    // GIVEN values only known at apply
    const problems = configProblems(rgwUser, userConfig({ uid: UNKNOWN, display_name: UNKNOWN, max_buckets: UNKNOWN, user_quota: { max_objects: UNKNOWN } }));

    // THEN nothing is reported yet
    expect(problems).toEqual([]);
  });

  it("reports the access key's own rule: a secret without an id", () => {
    // GIVEN a secret alone, both, and the id alone
    const secretAlone = configProblems(rgwAccessKey, keyConfig({ secret_access_key: 's3cret' }));
    const both = configProblems(rgwAccessKey, keyConfig({ secret_access_key: 's3cret', access_key_id: 'AKGIVEN' }));
    const idAlone = configProblems(rgwAccessKey, keyConfig({ access_key_id: 'AKGIVEN' }));

    // THEN only the secret alone breaks it, reported on secret_access_key
    expect(secretAlone).toEqual([{ attribute: 'secret_access_key', message: expect.stringContaining("needs 'access_key_id'") }]);
    expect(both).toEqual([]);
    expect(idAlone).toEqual([]);
  });
});

describe('withDefaults', () => {
  it('fills the defaults of attributes the server does not hold, and keeps set values', () => {
    // GIVEN states read from the servers, purge_data and max_keys being rules of the provider only
    const user = withDefaults(USER, userState({ purge_data: null, suspended: true }));
    const key = withDefaults(KEY, keyState({ max_keys: null }));

    // THEN
    expect(user).toMatchObject({ purge_data: false, suspended: true, email: 'alice@example.com' });
    expect(key.max_keys).toBe(4);
  });

  it("makes an imported object's next plan empty", () => {
    // GIVEN an imported user as the server describes it (nothing about purge_data), and a config that only
    // names it
    const imported = userState({ purge_data: null });
    const config = userConfig();

    // WHEN the state read after the import is planned against the config
    const { planned, requiresReplace } = planUser(withDefaults(USER, imported), config);

    // THEN nothing changes (without the defaults, purge_data null -> false would be an update)
    expect(requiresReplace).toEqual([]);
    expect(planned).toEqual(withDefaults(USER, imported));
    expect(planUser(imported, config).planned).not.toEqual(imported);
  });
});
