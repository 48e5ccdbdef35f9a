/**
 * The vocabulary of a resource schema: the single declaration from which the constructs build their config
 * (typed by `ConfigOf`) and the provider validates, plans and encodes values (`lib/provider/`).
 * Names are Terraform's own (snake_case), as they appear in cdk.tf.json, plans and state.
 */

/**
 * - required: set in config;
 * - optional: may be set; null when not;
 * - computed: set by the provider only (ids, generated keys);
 * - optionalComputed: may be set; when not, the provider keeps what the server has (or its `default`).
 */
export type Mode = 'required' | 'optional' | 'computed' | 'optionalComputed';

export type Kind = 'string' | 'number' | 'bool' | 'map' | 'list' | 'set' | 'object';

export interface Attribute<T = unknown, M extends Mode = Mode> {
  readonly kind: Kind;
  readonly mode: M;
  /** Shown by `terraform providers schema` and in editors. */
  readonly description: string;
  /** Terraform hides the value in plans, output and `show -json`. */
  readonly sensitive?: boolean;
  /** A change replaces the object (destroy and create, or the reverse with create_before_destroy). */
  readonly forceNew?: boolean;
  /** What an `optionalComputed` attribute left out of config becomes. */
  readonly default?: T;
  /** The rules a known value must follow: each broken one, in words (checked by the provider at plan). */
  check?(value: T): string[];
  /** The element of a map, list or set. */
  readonly element?: Attribute;
  /** The attributes of a single nested object (protocol 6 nested attributes: inner ones may be left out). */
  readonly attributes?: Schema;
  /** Type-level only: the value's TypeScript type. */
  readonly __value?: T;
}

export type Schema = Readonly<Record<string, Attribute>>;

export type ValueOf<A> = A extends { readonly __value?: infer T } ? Exclude<T, undefined> : never;

type KeysWithMode<S extends Schema, M extends Mode> = { [K in keyof S]: S[K]['mode'] extends M ? K : never }[keyof S];

/** What a construct writes into config: required and optional attributes, never computed ones. */
export type ConfigOf<S extends Schema> = { readonly [K in KeysWithMode<S, 'required'>]: ValueOf<S[K]> } & {
  readonly [K in KeysWithMode<S, 'optional' | 'optionalComputed'>]?: ValueOf<S[K]>;
};

/** What the provider holds for an object: every attribute, null when absent. */
export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> | null };

interface Options<T> {
  readonly sensitive?: boolean;
  readonly forceNew?: boolean;
  readonly default?: T;
  readonly check?: (value: T) => string[];
}

function make<T, M extends Mode>(kind: Kind, mode: M, description: string, options: Options<T> = {}, inner: Partial<Attribute> = {}): Attribute<T, M> {
  return { kind, mode, description, ...options, ...inner } as Attribute<T, M>;
}

export const string = <M extends Mode>(mode: M, description: string, options?: Options<string>) => make<string, M>('string', mode, description, options);
export const number = <M extends Mode>(mode: M, description: string, options?: Options<number>) => make<number, M>('number', mode, description, options);
export const bool = <M extends Mode>(mode: M, description: string, options?: Options<boolean>) => make<boolean, M>('bool', mode, description, options);

export const stringMap = <M extends Mode>(mode: M, description: string, options?: Options<Record<string, string>>) =>
  make<Record<string, string>, M>('map', mode, description, options, { element: string('required', '') });

export const stringList = <M extends Mode>(mode: M, description: string, options?: Options<string[]>) =>
  make<string[], M>('list', mode, description, options, { element: string('required', '') });

export const stringSet = <M extends Mode>(mode: M, description: string, options?: Options<string[]>) =>
  make<string[], M>('set', mode, description, options, { element: string('required', '') });

/** A single nested object whose attributes are each required or optional. */
export const object = <S extends Schema, M extends Mode>(mode: M, description: string, attributes: S, options?: Options<ConfigOf<S>>) =>
  make<ConfigOf<S>, M>('object', mode, description, options, { attributes });

/** One resource type of the provider. */
export interface ResourceSchema<S extends Schema = Schema> {
  /** The Terraform type, such as `s3admin_rgw_user`. */
  readonly typeName: string;
  readonly description: string;
  readonly attributes: S;
  /** What `terraform import` and `import` blocks take as the id, for messages and docs. */
  readonly importId: string;
}

export function resourceSchema<S extends Schema>(typeName: string, description: string, importId: string, attributes: S): ResourceSchema<S> {
  return { typeName, description, importId, attributes };
}
