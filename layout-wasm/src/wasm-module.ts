/**
 * The compiled layout module. Its bytes are inlined into the bundle (see rollup.config.mjs), so
 * nothing is fetched at run time and the bundle works from any origin: in the element's worker as
 * base64 of the deflate-raw compressed module (about 25% smaller after the server's gzip than base64
 * of the module itself), inflated by the platform's DecompressionStream (Chrome 103, Firefox 113,
 * Safari 16.4; ~1 ms); in dist/layout.mjs (Node) as plain base64.
 * Compiled once per realm (worker or Node process) and cached.
 */
import { wasm, deflated } from 'virtual:vz-layout-wasm';

let compiled: Promise<WebAssembly.Module> | undefined;

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function inflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('This browser cannot unpack the layout engine: it lacks DecompressionStream (deflate-raw). '
      + 'Use Chrome/Edge 103+, Firefox 113+ or Safari 16.4+.');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer();
}

export function loadLayoutModule(): Promise<WebAssembly.Module> {
  compiled ??= deflated
    ? inflateRaw(decodeBase64(wasm)).then((bytes) => WebAssembly.compile(bytes))
    : WebAssembly.compile(decodeBase64(wasm));
  return compiled;
}
