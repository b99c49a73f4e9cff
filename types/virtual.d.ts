/** The layout module's bytes, base64, inlined by rollup.config.mjs (layoutWasmInline). */
declare module 'virtual:vz-layout-wasm' {
  const base64: string;
  export default base64;
}
/** The layout worker's bundled source, inlined by rollup.config.mjs (layoutWorkerInline). */
declare module 'virtual:vz-layout-worker' {
  const source: string;
  export default source;
}
