/**
 * The first character of `value` outside `allowed` (a one-character pattern), as the rule it breaks:
 * `may contain only <description> ('<c>' at offset <i>)`, or undefined when every character is allowed.
 */
export function disallowedCharacter(value: string, allowed: RegExp, description: string): string | undefined {
  const at = [...value].findIndex((c) => !allowed.test(c));
  return at < 0 ? undefined : `may contain only ${description} ('${value[at]}' at offset ${at})`;
}
