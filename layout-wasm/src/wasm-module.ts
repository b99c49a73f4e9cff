/**
 * The compiled layout module. Its bytes are inlined into the bundle as base64 (see
 * rollup.config.mjs), so nothing is fetched at run time and the bundle works from any origin.
 * Compiled once per realm (worker or Node process) and cached.
 */
import wasmBase64 from 'virtual:vz-layout-wasm';

let compiled: Promise<WebAssembly.Module> | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function loadLayoutModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(decodeBase64(wasmBase64) as Uint8Array<ArrayBuffer>);
  return compiled;
}
