// JSON paths as the server writes them (orchestrator/Definitions/JsonPaths.cs and System.Text.Json's read
// errors): `$.steps[2].args[1]`, `$.inputs.time-zone`, `$['inputs']['odd name']`.

export type PathSegment = string | number;

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_-]*$/;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      segments.push(path.slice(i + 1, j));
      i = j;
    } else if (c === '[') {
      if (path[i + 1] === "'") {
        // A quoted name; \' stands for a quote inside it.
        let j = i + 2;
        let name = '';
        while (j < path.length && path[j] !== "'") {
          if (path[j] === '\\' && j + 1 < path.length) j++;
          name += path[j];
          j++;
        }
        segments.push(name);
        i = path.indexOf(']', j) + 1 || path.length;
      } else {
        const end = path.indexOf(']', i);
        const text = path.slice(i + 1, end < 0 ? path.length : end);
        const index = Number(text);
        segments.push(Number.isInteger(index) ? index : text);
        i = end < 0 ? path.length : end + 1;
      }
    } else {
      // Not a path we know how to read: keep the rest as one name rather than guessing.
      segments.push(path.slice(i));
      break;
    }
  }
  return segments;
}

/** The canonical text of a path below a step or the workflow: `args[1]`, `env.FOO`, `retry.retries`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_NAME.test(segment)) out += out ? `.${segment}` : segment;
    else out += `['${segment.replace(/'/g, "\\'")}']`;
  }
  return out;
}
