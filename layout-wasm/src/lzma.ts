/**
 * An LZMA decoder (the `.lzma` "alone" format: 13-byte header, then one LZMA1 stream), for the
 * layout module the element carries inlined. LZMA packs the module 10% smaller than the best
 * deflate (Zopfli): 2.6 KB of the bundle, for ~150 lines here and ~1 ms of decoding per worker
 * start (benchmarks/results/bundle.md). Written from Igor Pavlov's public-domain specification
 * (LzmaSpec.cpp in the LZMA SDK); the build packs with LZMA-JS (rollup.config.mjs).
 *
 * Probabilities live in one Uint16Array; each coder below is an offset into it. All arithmetic on
 * `range` and `code` is unsigned 32-bit (`>>> 0`).
 */

const PROB_INIT = 1024; // half of 1 << 11
const LITERAL_CODER = 0x300;
const MATCH_MIN = 2;
const END_POS_MODEL = 14;
const ALIGN_BITS = 4;

// Offsets of the fixed coders; the literal coders follow them (their count depends on lc + lp).
const IS_MATCH = 0; // [state << 4 | posState]
const IS_REP = IS_MATCH + 192;
const IS_REP_G0 = IS_REP + 12;
const IS_REP_G1 = IS_REP_G0 + 12;
const IS_REP_G2 = IS_REP_G1 + 12;
const IS_REP0_LONG = IS_REP_G2 + 12; // [state << 4 | posState]
const POS_SLOT = IS_REP0_LONG + 192; // 4 six-bit trees of 64
const SPEC_POS = POS_SLOT + 256; // 1 + 128 - 14 reverse-tree probabilities
const ALIGN = SPEC_POS + 115; // one four-bit tree of 16
/** A length coder: choice, choice2, 16 low trees of 8, 16 mid trees of 8, one high tree of 256. */
const LEN_SIZE = 2 + 16 * 8 + 16 * 8 + 256;
const LEN = ALIGN + 16;
const REP_LEN = LEN + LEN_SIZE;
const LITERALS = REP_LEN + LEN_SIZE;

/**
 * Unpacks `packed` (a `.lzma` file's bytes, with its unpacked size in the header, as the build
 * writes it). Throws an Error saying what is wrong with a bad stream.
 */
export function unlzma(packed: Uint8Array): Uint8Array<ArrayBuffer> {
  const fail = (what: string): never => { throw new Error(`LZMA stream ${what}`); };
  let props = packed[0];
  if (!(props < 225) || packed.length < 18) fail('is not one');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  const size = (packed[5] | packed[6] << 8 | packed[7] << 16 | packed[8] << 24) >>> 0;
  if (packed[9] | packed[10] | packed[11] | packed[12]) fail('has no size or is too large');
  const out = new Uint8Array(size);
  let pos = 0;

  const probs = new Uint16Array(LITERALS + (LITERAL_CODER << (lc + lp))).fill(PROB_INIT);
  let at = 13;
  const next = () => (at < packed.length ? packed[at++] : fail('is truncated'));
  if (next() !== 0) fail('is corrupt');
  let range = 0xffffffff;
  let code = 0;
  for (let i = 0; i < 4; i++) code = ((code << 8) | next()) >>> 0;
  const normalize = () => {
    if (range < 0x1000000) {
      range = (range << 8) >>> 0;
      code = ((code << 8) | next()) >>> 0;
    }
  };
  const bit = (p: number): number => {
    const prob = probs[p];
    const bound = ((range >>> 11) * prob) >>> 0;
    let b = 0;
    if (code < bound) {
      range = bound;
      probs[p] = prob + ((2048 - prob) >>> 5);
    } else {
      range = (range - bound) >>> 0;
      code = (code - bound) >>> 0;
      probs[p] = prob - (prob >>> 5);
      b = 1;
    }
    normalize();
    return b;
  };
  /** A bit tree of `bits` levels at `p`, read high bit first, or low bit first when `reverse`. */
  const tree = (p: number, bits: number, reverse = false): number => {
    let m = 1, symbol = 0;
    for (let i = 0; i < bits; i++) {
      const b = bit(p + m);
      m = (m << 1) | b;
      symbol |= b << i;
    }
    return reverse ? symbol : m - (1 << bits);
  };
  const direct = (bits: number): number => {
    let result = 0;
    for (; bits > 0; bits--) {
      range >>>= 1;
      code = (code - range) >>> 0;
      const t = 0 - (code >>> 31); // -1 when code went below zero: the bit is 0
      code = (code + (range & t)) >>> 0;
      result = ((result << 1) + t + 1) >>> 0;
      normalize();
    }
    return result;
  };
  const length = (p: number, posState: number): number =>
    bit(p) === 0 ? tree(p + 2 + posState * 8, 3)
      : bit(p + 1) === 0 ? 8 + tree(p + 130 + posState * 8, 3)
        : 16 + tree(p + 258, 8);

  const pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
  while (pos < size) {
    const posState = pos & pbMask;
    if (bit(IS_MATCH + (state << 4) + posState) === 0) {
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = LITERALS + LITERAL_CODER * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let match = out[pos - rep0 - 1];
        do {
          const matchBit = (match >>> 7) & 1;
          match <<= 1;
          const b = bit(base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(base + symbol);
      out[pos++] = symbol;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len: number;
    if (pos === 0) fail('is corrupt');
    if (bit(IS_REP + state) !== 0) {
      if (bit(IS_REP_G0 + state) === 0) {
        if (bit(IS_REP0_LONG + (state << 4) + posState) === 0) { // a single byte at rep0
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos++ - rep0 - 1];
          continue;
        }
      } else {
        let dist: number;
        if (bit(IS_REP_G1 + state) === 0) {
          dist = rep1;
        } else {
          if (bit(IS_REP_G2 + state) === 0) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(REP_LEN, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(LEN, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(POS_SLOT + (Math.min(len, 3) << 6), 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const bits = (slot >>> 1) - 1;
        rep0 = ((2 | (slot & 1)) << bits) >>> 0;
        rep0 = slot < END_POS_MODEL ? rep0 + tree(SPEC_POS + rep0 - slot, bits, true)
          : (rep0 + (direct(bits - ALIGN_BITS) << ALIGN_BITS) + tree(ALIGN, ALIGN_BITS, true)) >>> 0;
      }
    }
    len += MATCH_MIN;
    if (rep0 >= pos || pos + len > size) fail('is corrupt');
    for (; len > 0; len--) out[pos] = out[pos++ - rep0 - 1];
  }
  return out;
}
