/** Small shared helpers: growable typed arrays and a stable index sort by key (no closures in AS). */

export function growI(a: Int32Array, n: i32): Int32Array {
  if (a.length >= n) return a;
  const b = new Int32Array(max(n, a.length * 2));
  memory.copy(b.dataStart, a.dataStart, <usize>a.byteLength);
  return b;
}

export function growF(a: Float64Array, n: i32): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(max(n, a.length * 2));
  memory.copy(b.dataStart, a.dataStart, <usize>a.byteLength);
  return b;
}

let tmpIdx = new Int32Array(64);

/** Stable merge sort of idx[from..to) ascending by key[idx[i]]. O(k log k); insertion sort below 16. */
export function sortByKey(idx: Int32Array, from: i32, to: i32, key: Float64Array): void {
  const k = to - from;
  if (k < 2) return;
  if (k <= 16) {
    for (let i = from + 1; i < to; i++) {
      const v = ld(idx, i);
      const kv = ld(key, v);
      let j = i - 1;
      while (j >= from && ld(key, ld(idx, j)) > kv) { st(idx, j + 1, ld(idx, j)); j--; }
      st(idx, j + 1, v);
    }
    return;
  }
  tmpIdx = growI(tmpIdx, k);
  const tmp = tmpIdx;
  for (let width = 1; width < k; width <<= 1) {
    for (let lo = 0; lo < k; lo += 2 * width) {
      const mid = min(lo + width, k), hi = min(lo + 2 * width, k);
      let a = lo, b = mid, o = lo;
      while (a < mid && b < hi) {
        const ia = ld(idx, from + a), ib = ld(idx, from + b);
        if (ld(key, ib) < ld(key, ia)) { st(tmp, o++, ib); b++; } else { st(tmp, o++, ia); a++; }
      }
      while (a < mid) st(tmp, o++, ld(idx, from + a++));
      while (b < hi) st(tmp, o++, ld(idx, from + b++));
    }
    for (let i = 0; i < k; i++) st(idx, from + i, ld(tmp, i));
  }
}

/** Direction vectors: down, right, up, left (DirCode order). */
@inline export function dirVX(d: i32): i32 { return d == 1 ? 1 : d == 3 ? -1 : 0; }
@inline export function dirVY(d: i32): i32 { return d == 0 ? 1 : d == 2 ? -1 : 0; }

/** Side codes in a canonical (downward) frame. */
export const SIDE_BOTTOM: i32 = 0;
export const SIDE_RIGHT: i32 = 1;
export const SIDE_TOP: i32 = 2;
export const SIDE_LEFT: i32 = 3;

/** The side a vector points to. */
export function sideOf(vx: i32, vy: i32): i32 {
  if (vy > 0) return SIDE_BOTTOM;
  if (vy < 0) return SIDE_TOP;
  return vx > 0 ? SIDE_RIGHT : SIDE_LEFT;
}

/** Typed-array read without a method call (inlined by the compiler): under the incremental runtime
 *  the `[]` accessor is a real call with a shadow-stack frame, which made the layout ~2.5× slower.
 *  Bounds are asserted in the debug build only: under `noAssert` (release, node) an assert keeps
 *  evaluating its operand, and binaryen keeps the byteLength load (a load may trap), so the check
 *  sits behind ASC_NO_ASSERT (without it: 12.5 KB more module, ~10% slower layouts). */
// @ts-ignore: decorator
@inline export function ld<T>(a: T, i: i32): valueof<T> {
  if (!ASC_NO_ASSERT) assert(<u32>i < <u32>(changetype<ArrayBufferView>(a).byteLength >>> alignof<valueof<T>>()));
  return load<valueof<T>>(changetype<ArrayBufferView>(a).dataStart + (<usize>i << alignof<valueof<T>>()));
}

/** a[i] += d without a method call (see ld). */
// @ts-ignore: decorator
@inline export function add<T>(a: T, i: i32, d: valueof<T>): void { st<T>(a, i, ld<T>(a, i) + d); }

/** Typed-array write without a method call (see ld). */
// @ts-ignore: decorator
@inline export function st<T>(a: T, i: i32, v: valueof<T>): void {
  if (!ASC_NO_ASSERT) assert(<u32>i < <u32>(changetype<ArrayBufferView>(a).byteLength >>> alignof<valueof<T>>()));
  store<valueof<T>>(changetype<ArrayBufferView>(a).dataStart + (<usize>i << alignof<valueof<T>>()), v);
}
