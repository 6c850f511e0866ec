/**
 * Value paths address a value inside a form's values: `mother.fullName`, `documents[2].name`.
 * Values are plain JSON objects; group rows are arrays.
 */
export type PathSegment = string | number;

const SEGMENT = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of path.matchAll(SEGMENT)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
  }
  return out;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}

export function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function getAt(values: unknown, path: string): unknown {
  let cur: unknown = values;
  for (const seg of parsePath(path)) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      // Own properties only: a value path must never reach Object.prototype.
      if (!isRecord(cur) || !Object.hasOwn(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** Sets a value, creating intermediate objects/arrays; returns the same root (mutated). */
export function setAt(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const segs = parsePath(path);
  let cur: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    const nextIsIndex = typeof segs[i + 1] === 'number';
    if (Array.isArray(cur)) {
      if (typeof seg !== 'number') return root;
      if (last) cur[seg] = value;
      else {
        // A scalar where a container is needed (a hostile or stale patch) is replaced, as for objects below.
        if (typeof cur[seg] !== 'object' || cur[seg] === null) cur[seg] = nextIsIndex ? [] : {};
        cur = cur[seg] as Record<string, unknown> | unknown[];
      }
    } else {
      if (typeof seg !== 'string' || seg === '__proto__' || seg === 'constructor' || seg === 'prototype')
        return root;
      if (last) cur[seg] = value;
      else {
        if (!Object.hasOwn(cur, seg) || typeof cur[seg] !== 'object' || cur[seg] === null) {
          cur[seg] = nextIsIndex ? [] : {};
        }
        cur = cur[seg] as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
}
