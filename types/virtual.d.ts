/** The layout module, inlined by rollup.config.mjs (layoutWasmInline): base64 of its bytes, or of
 *  their LZMA compression when `packed` (the element's worker). */
declare module 'virtual:vz-layout-wasm' {
  export const wasm: string;
  export const packed: boolean;
}
/** The layout worker's bundled source, inlined by rollup.config.mjs (layoutWorkerInline). */
declare module 'virtual:vz-layout-worker' {
  const source: string;
  export default source;
}
