/**
 * Strict JSON reading for messages from the other side.
 *
 * JSON.parse keeps the last of two members with the same name. A receiver that must refuse a
 * repeated member (§8.3), or that must not let two readers of one message see different values
 * (the host's reader and ours), needs to see them: `hasDuplicateMember` walks the text once and says
 * whether any object in it repeats a member name.
 */

interface Container {
  readonly isObject: boolean;
  readonly names: Set<string>;
  /** In an object: whether the next string is a member name (after '{' or ','). */
  expectName: boolean;
}

/** Parses `text` as one JSON object with no repeated member at any depth; null otherwise. */
export function parseStrictObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return hasDuplicateMember(text) ? null : (value as Record<string, unknown>);
}

/** `json` must already be valid JSON (JSON.parse it first). */
export function hasDuplicateMember(json: string): boolean {
  const stack: Container[] = [];
  let i = 0;
  while (i < json.length) {
    const c = json[i]!;
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = endOfString(json, i);
      if (top !== undefined && top.isObject && top.expectName) {
        const name = JSON.parse(json.slice(i, end)) as string;
        if (top.names.has(name)) return true;
        top.names.add(name);
        top.expectName = false;
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') stack.push({ isObject: c === '{', names: new Set(), expectName: c === '{' });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top !== undefined && top.isObject) top.expectName = true;
    i++;
  }
  return false;
}

/** The index just after the closing quote of the string that starts at `start`. */
function endOfString(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length) {
    const c = json[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return json.length;
}
