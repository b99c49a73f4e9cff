/**
 * Format v1: the document every part of vz-graph reads and writes.
 * DESIGN.md ("Format v1") is the contract; docs/format.md documents every field and
 * docs/vz-graph.schema.json is its JSON Schema. Unknown fields are kept and ignored.
 */

export type Direction = 'down' | 'right' | 'up' | 'left';
export const DIRECTIONS: readonly Direction[] = ['down', 'right', 'up', 'left'];

export interface VzAttachment {
  id: string;
  type: 'text' | 'scalar' | 'line' | 'histogram' | 'image' | string;
  [key: string]: unknown;
}

export interface VzNode {
  id: string;
  parent?: string | null;
  label?: string;
  kind?: 'module' | 'op' | 'input' | 'output' | 'constant' | string;
  /** Groups only: initial state. */
  collapsed?: boolean;
  /** Groups only: how the children flow. */
  direction?: Direction;
  /** Optional time step; a group whose children carry steps places them one column per step. */
  step?: number;
  /** Optional size hints; the element measures its own labels. */
  width?: number;
  height?: number;
  attrs?: Record<string, unknown>;
  attachments?: VzAttachment[];
  [key: string]: unknown;
}

export interface VzEdge {
  id?: string;
  source: string;
  target: string;
  sourcePort?: number;
  targetPort?: number;
  label?: string;
  [key: string]: unknown;
}

export interface VzDocument {
  format: 'vz-graph';
  version: 1;
  title?: string;
  direction?: Direction;
  nodes: VzNode[];
  edges: VzEdge[];
  /** Each list of node ids shares one rank. */
  align?: string[][];
  meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The layout result, as DESIGN.md gives it: absolute coordinates, origin top-left, y down. */
export interface LayoutResult {
  width: number;
  height: number;
  nodes: Record<string, { x: number; y: number; width: number; height: number }>;
  edges: Array<{ id?: string; source: string; target: string; points: Array<[number, number]>; label?: { x: number; y: number; width: number; height: number } }>;
}
