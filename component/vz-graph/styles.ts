/** <vz-graph>'s styles: the theme's custom properties (light, dark, auto) and the overlays. */
import { css } from 'lit';

const light = css`
  --vz-bg: #ffffff;
  --vz-text: #1f2328;
  --vz-text-muted: #5f6773;
  --vz-edge: #8c959f;
  --vz-edge-label: #57606a;
  --vz-node-fill: #ffffff;
  --vz-node-stroke: #c4cbd3;
  --vz-group-fill: rgba(64, 87, 109, 0.045);
  --vz-group-stroke: #c9d1d9;
  --vz-group-header: rgba(64, 87, 109, 0.07);
  --vz-group-collapsed-fill: #eef2f7;
  --vz-accent: #0969da;
  --vz-kind-module: #eef4ff;
  --vz-kind-module-stripe: #6e9ce8;
  --vz-kind-op: #fff6e5;
  --vz-kind-op-stripe: #e0a030;
  --vz-kind-input: #e9f7ee;
  --vz-kind-input-stripe: #3fa465;
  --vz-kind-output: #fdeeed;
  --vz-kind-output-stripe: #d9574c;
  --vz-kind-constant: #f3f4f6;
  --vz-kind-constant-stripe: #9aa3ad;
  --vz-kind-param: #f5effd;
  --vz-kind-param-stripe: #9a6ddb;
  --vz-panel-bg: rgba(255, 255, 255, 0.94);
  --vz-panel-border: #d0d7de;
  color-scheme: light;
`;

const dark = css`
  --vz-bg: #0f1419;
  --vz-text: #e6edf3;
  --vz-text-muted: #9aa5b1;
  --vz-edge: #7d8793;
  --vz-edge-label: #a8b3bd;
  --vz-node-fill: #1b222b;
  --vz-node-stroke: #3d4754;
  --vz-group-fill: rgba(160, 190, 220, 0.045);
  --vz-group-stroke: #333d49;
  --vz-group-header: rgba(160, 190, 220, 0.07);
  --vz-group-collapsed-fill: #1e2631;
  --vz-accent: #4c9aff;
  --vz-kind-module: #17263a;
  --vz-kind-module-stripe: #5a8fd8;
  --vz-kind-op: #2b2416;
  --vz-kind-op-stripe: #d49a2a;
  --vz-kind-input: #14291e;
  --vz-kind-input-stripe: #3fa465;
  --vz-kind-output: #321a1a;
  --vz-kind-output-stripe: #e0675d;
  --vz-kind-constant: #1f242b;
  --vz-kind-constant-stripe: #7d8793;
  --vz-kind-param: #251c35;
  --vz-kind-param-stripe: #a17ee0;
  --vz-panel-bg: rgba(22, 27, 34, 0.94);
  --vz-panel-border: #3d4754;
  color-scheme: dark;
`;

export const styles = css`
  :host {
    ${light}
    display: block;
    position: relative;
    height: 480px;
    min-height: 120px;
    overflow: hidden;
    contain: content;
    border-radius: 6px;
    background: var(--vz-bg);
    color: var(--vz-text);
    font: 13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  :host([theme='dark']) { ${dark} }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) { ${dark} }
  }
  :host([hidden]) { display: none; }
  .frame { position: absolute; inset: 0; }
  canvas { display: block; width: 100%; height: 100%; touch-action: none; outline: none; cursor: grab; }
  canvas.dragging { cursor: grabbing; }
  canvas.pointing { cursor: pointer; }
  canvas:focus-visible { outline: 2px solid var(--vz-accent); outline-offset: -2px; }
  [part='toolbar'] {
    position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; align-items: center;
    padding: 4px; border-radius: 8px; background: var(--vz-panel-bg); border: 1px solid var(--vz-panel-border);
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
  }
  button, input {
    font: inherit; font-size: 12px; color: var(--vz-text); background: transparent;
    border: 1px solid transparent; border-radius: 5px; padding: 3px 7px; height: 26px; box-sizing: border-box;
  }
  button { cursor: pointer; }
  button:hover { background: var(--vz-group-header); }
  input { width: 130px; border-color: var(--vz-panel-border); background: var(--vz-bg); }
  .depth { display: flex; align-items: center; gap: 4px; font-size: 12px; color: var(--vz-text-muted); }
  .depth input { width: 46px; padding: 3px 4px; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--vz-accent); outline-offset: 1px; }
  .sep { width: 1px; height: 18px; background: var(--vz-panel-border); margin: 0 2px; }
  [part='status'], [part='notice'] {
    position: absolute; left: 8px; bottom: 8px; max-width: calc(100% - 16px); padding: 5px 10px; border-radius: 6px;
    background: var(--vz-panel-bg); border: 1px solid var(--vz-panel-border); font-size: 12px; color: var(--vz-text-muted);
  }
  [part='notice'] { bottom: auto; top: 8px; left: 8px; max-width: calc(100% - 360px); min-width: 200px; color: var(--vz-text); border-left: 3px solid #d4a72c; }
  [part='error'] {
    position: absolute; inset: 12px; overflow: auto; padding: 14px 16px; border-radius: 8px;
    background: var(--vz-panel-bg); border: 1px solid #d1242f; border-left-width: 4px; color: var(--vz-text);
  }
  [part='error'] h2 { margin: 0 0 6px; font-size: 14px; color: #d1242f; }
  [part='error'] p { margin: 0 0 8px; white-space: pre-wrap; word-break: break-word; }
  [part='error'] ul { margin: 0; padding-left: 18px; font-size: 12px; }
  [part='error'] code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
  [part='tooltip'] {
    position: absolute; pointer-events: none; max-width: 320px; padding: 6px 9px; border-radius: 6px; font-size: 12px;
    background: var(--vz-panel-bg); border: 1px solid var(--vz-panel-border); box-shadow: 0 2px 8px rgba(0, 0, 0, 0.12);
    line-height: 1.45; white-space: pre-wrap; word-break: break-word;
  }
  [part='tooltip'] b { font-weight: 600; }
  [part='tooltip'] span { color: var(--vz-text-muted); }
`;
