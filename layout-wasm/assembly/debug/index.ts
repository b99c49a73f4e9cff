/**
 * The entry of the `node` and `debug` targets (asconfig.json): the release exports (../index.ts)
 * and the debug ones (./exports.ts) that tests and benchmarks use through dist/layout.mjs.
 */
export * from '../index';
export { debugStopAfter, debugCounts, phaseChecks, phaseChecksUntil, debugEdgePieces, debugCacheStats } from './exports';
