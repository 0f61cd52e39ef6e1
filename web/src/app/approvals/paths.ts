/**
 * Whether a path an approval names lies inside the project's working directory. Only POSIX paths:
 * the host runs on a workstation and sends its cwd as it is. Purely textual (no symlinks are
 * followed), so it warns; the host's sandbox is what enforces.
 */

/** `path` resolved against `cwd` with `.` and `..` folded; `~` paths stay as they are (home is never the project). */
export function resolvePath(path: string, cwd: string): string {
  if (path.startsWith('~')) return path;
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function isInside(path: string, cwd: string): boolean {
  if (cwd === '' || !cwd.startsWith('/')) return false;
  const resolved = resolvePath(path, cwd);
  const root = resolvePath('.', cwd);
  return resolved === root || resolved.startsWith(root === '/' ? '/' : `${root}/`);
}
