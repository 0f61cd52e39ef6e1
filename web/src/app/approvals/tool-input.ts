/**
 * Reading a request's `input` (canonical JSON text, docs/protocol.md §10) for display and checks.
 * The text itself is what gets hashed; this parse is only ever used to show and to warn.
 */

export type InputObject = Readonly<Record<string, unknown>>;

/** The input as an object, or null when it is not a JSON object. */
export function parseInputObject(input: string): InputObject | null {
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as InputObject) : null;
  } catch {
    return null;
  }
}

/** A member that is a non-empty string, else null. */
export function stringMember(input: InputObject | null, name: string): string | null {
  const value = input?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The input's members as label + text, strings verbatim (multi-line content stays readable), the rest as indented JSON. */
export function inputFields(input: string): { readonly name: string; readonly text: string }[] | null {
  const object = parseInputObject(input);
  if (object === null) return null;
  return Object.entries(object).map(([name, value]) => ({ name, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) }));
}
