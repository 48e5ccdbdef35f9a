import { CtyObject } from '../../../lib/provider/protocol/cty-value';

/** Attributes that hold secrets in the provider's states. */
const SECRET_ATTRIBUTES = ['secret_access_key', 'owner_secret_access_key', 'api_key', 'password'];

/**
 * Every secret a test sees, and every error message it provoked: at the end, none of the secrets may show in
 * a log line or an error message.
 */
export class SecretWatch {
  readonly secrets: Set<string>;
  readonly errors: string[] = [];

  constructor(known: string[] = []) {
    this.secrets = new Set(known);
  }

  /** The state, with its secrets remembered. */
  kept(state: CtyObject | null): CtyObject {
    for (const name of SECRET_ATTRIBUTES) if (typeof state?.[name] === 'string') this.secrets.add(state[name] as string);
    return state!;
  }

  /** The message of the error the promise rejects with (remembered, to look for secrets in it). */
  async failure(promise: Promise<unknown>): Promise<string> {
    const message = await promise.then(
      () => '(no error)',
      (e: Error) => e.message,
    );
    this.errors.push(message);
    return message;
  }

  /** The secrets that appear in the lines or in an error message. */
  leaked(lines: string[]): string[] {
    const text = [...lines, ...this.errors].join('\n');
    return [...this.secrets].filter((s) => text.includes(s));
  }
}
