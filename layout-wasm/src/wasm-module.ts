/**
 * The compiled layout module. Its bytes are inlined into the bundle (see rollup.config.mjs), so
 * nothing is fetched at run time and the bundle works from any origin: in the element's worker as
 * base64 of the module packed by LZMA (unpacked by ./lzma.ts: ~25 ms at a worker's start, ~5 ms
 * once warm), in dist/layout.mjs (Node) as plain base64.
 * Compiled once per realm (worker or Node process) and cached.
 */
import { wasm, packed } from 'virtual:vz-layout-wasm';
import { unlzma } from './lzma.js';

let compiled: Promise<WebAssembly.Module> | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function loadLayoutModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const bytes = decodeBase64(wasm);
    return WebAssembly.compile(packed ? unlzma(bytes) : bytes);
  })();
  return compiled;
}
