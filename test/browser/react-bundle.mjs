// React ships CommonJS only; the browser tests load it as one ES module that esbuild bundles on
// request: GET /__react.js exports { createElement, createRoot, flushSync }.
import { build } from 'esbuild';

let bundled;
export async function reactBundle(ctx, next) {
  if (ctx.path !== '/__react.js') return next();
  bundled ??= build({
    stdin: { contents: "export { createElement } from 'react'; export { createRoot } from 'react-dom/client'; export { flushSync } from 'react-dom';", resolveDir: process.cwd() },
    bundle: true, format: 'esm', write: false, minify: true, define: { 'process.env.NODE_ENV': '"production"' },
  }).then((r) => r.outputFiles[0].text);
  ctx.type = 'application/javascript';
  ctx.body = await bundled;
}
