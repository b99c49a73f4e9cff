/**
 * A structural key: a sequence of numbers compared bit for bit, found through a 64-bit FNV-style
 * hash of them. cache.ts keys each group's whole layout by one (across layouts); p4-place/memo.ts
 * keys a layered graph's x-placement by another (within one layout). Each keeps its own Key: the
 * cache builds its key before a group is laid out and stores under it after, while the memo builds
 * and drops keys in between.
 */
import { growF, ld, st } from './util';

export class Key {
  buf: Float64Array = new Float64Array(256);
  len: i32 = 0;

  start(): void { this.len = 0; }

  push(v: f64): void {
    if (this.len >= this.buf.length) this.buf = growF(this.buf, this.len + 1);
    st(this.buf, this.len++, v);
  }

  hash(): u64 {
    let h: u64 = 14695981039346656037;
    for (let i = 0; i < this.len; i++) { h ^= reinterpret<u64>(ld(this.buf, i)); h *= 1099511628211; h ^= h >> 29; }
    return h;
  }

  /** Is `stored` (a copy() of an earlier key) this key, bit for bit? */
  equals(stored: Float64Array): bool {
    if (stored.length != this.len) return false;
    for (let i = 0; i < this.len; i++) if (reinterpret<u64>(ld(stored, i)) != reinterpret<u64>(ld(this.buf, i))) return false;
    return true;
  }

  copy(): Float64Array { return this.buf.slice(0, this.len); }
}
