/**
 * The one validator of format-v1 documents (docs/format.md; docs/vz-graph.schema.json matches it).
 *
 * Reports every problem, not just the first, each with a path into the document
 * (`nodes[3].parent`) and a message that says how to fix the input. Runs in linear time:
 * one pass over nodes, one over edges, and a parent-chain walk that visits each node once.
 * Unknown fields are allowed (producers may add to the format).
 */
import { DIRECTIONS } from './format.js';
import type { VzDocument } from './format.js';
import { runInSlices, type SliceOptions } from './slices.js';

export interface Problem {
  /** Where in the document, e.g. `nodes[3].parent` or `edges[0].target`. */
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
};

/** Problems of `doc` as a format-v1 document; an empty list means it is valid. */
export function validate(doc: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const _ of steps(doc, problems));
  return problems;
}

/**
 * validate() in slices of about `sliceMs` of main-thread time, yielding to the page between them
 * (a 100,000-node document takes ~200 ms to check: as one task it would block input).
 * Undefined when `stale()` stopped it (a newer document came).
 */
export async function validateInSlices(doc: unknown, options: SliceOptions = {}): Promise<Problem[] | undefined> {
  const problems: Problem[] = [];
  const done = await runInSlices(steps(doc, problems), options).then(() => !options.stale?.());
  return done ? problems : undefined;
}

/** Items checked between two yields of steps(). */
const SLICE = 2048;

/** The checks, yielding every SLICE nodes or edges (validate() runs it to the end at once). */
function* steps(doc: unknown, problems: Problem[]): Generator<void> {
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!isObject(doc)) {
    add('', `a vz-graph document is a JSON object, got ${show(doc)}`);
    return;
  }
  if (doc.format !== 'vz-graph') add('format', `must be "vz-graph", got ${show(doc.format)}`);
  if (doc.version !== 1) add('version', `must be 1 (this element reads format v1), got ${show(doc.version)}`);
  if (doc.title !== undefined && typeof doc.title !== 'string') add('title', `must be a string, got ${show(doc.title)}`);
  checkDirection(doc.direction, 'direction', add);
  if (doc.meta !== undefined && !isObject(doc.meta)) add('meta', `must be an object, got ${show(doc.meta)}`);

  const ids = new Map<string, number>();
  const parents: Array<string | null> = [];
  if (!Array.isArray(doc.nodes)) {
    add('nodes', `must be an array of nodes, got ${doc.nodes === undefined ? 'nothing' : show(doc.nodes)}`);
  } else {
    // Paths are built only when there is a problem to report: a 100k-node document is checked
    // without 250k throwaway strings.
    const nodes = doc.nodes as unknown[];
    for (let i = 0; i < nodes.length; i++) {
      parents.push(checkNode(nodes[i], i, ids, add));
      if (i % SLICE === SLICE - 1) yield;
    }
    yield;
    yield* checkParents(doc.nodes as unknown[], parents, ids, add);
  }

  if (doc.edges !== undefined && !Array.isArray(doc.edges)) {
    add('edges', `must be an array of edges, got ${show(doc.edges)}`);
  } else if (Array.isArray(doc.edges)) {
    const edgeIds = new Set<string>();
    const edges = doc.edges as unknown[];
    for (let i = 0; i < edges.length; i++) {
      checkEdge(edges[i], i, ids, edgeIds, add);
      if (i % SLICE === SLICE - 1) yield;
    }
  }

  if (doc.align !== undefined) {
    if (!Array.isArray(doc.align)) add('align', `must be an array of lists of node ids, got ${show(doc.align)}`);
    else doc.align.forEach((set, i) => {
      if (!Array.isArray(set)) return add(`align[${i}]`, `must be a list of node ids, got ${show(set)}`);
      set.forEach((id, j) => {
        if (typeof id !== 'string') add(`align[${i}][${j}]`, `must be a node id (a string), got ${show(id)}`);
        else if (Array.isArray(doc.nodes) && !ids.has(id)) add(`align[${i}][${j}]`, `unknown node ${show(id)}`);
      });
    });
  }
}

/**
 * The checks of what a patch brings into a valid document, each item on its own (the rest was
 * checked when it came): so a patch to a 100k-node document costs what the patch holds, not a
 * pass over the document. `nodes` and `edges` pair each item with its index in the patched
 * document (for the paths); `has` says which node ids the patched document holds, `parentOf` a
 * node's parent there. A parent cycle must pass through a patched node: it is found walking up
 * from each.
 */
export function checkPatched(nodes: Array<[unknown, number]>, edges: Array<[unknown, number]>,
  has: (id: string) => boolean, parentOf: (id: string) => unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const one = new Map<string, number>();
  for (const [node, i] of nodes) {
    one.clear();
    const parent = checkNode(node, i, one, add);
    if (parent === null) continue;
    const id = (node as { id: string }).id;
    if (!has(parent)) { add(`${at(i)}.parent`, `unknown parent ${show(parent)}: no node has this id`); continue; }
    if (parent === id) { add(`${at(i)}.parent`, `a node cannot be its own parent (${show(parent)})`); continue; }
    const walked = [id];
    for (let cur: unknown = parent; typeof cur === 'string'; cur = parentOf(cur)) {
      if (cur === id) {
        add(`${at(i)}.parent`, `parent cycle: ${walked.map((c) => show(c)).join(' → ')} → ${show(id)}; ` +
          'a group cannot contain itself, so set one of these parents to another node or null');
        break;
      }
      if (walked.includes(cur)) break; // a cycle that does not pass through this node: reported from one of its own
      walked.push(cur);
    }
  }
  const edgeIds = new Set<string>();
  const ids = { has };
  for (const [edge, i] of edges) { edgeIds.clear(); checkEdge(edge, i, ids, edgeIds, add); }
  return problems;
}

/** Throws an Error listing the problems when `doc` is not a valid document. */
export function assertDocument(doc: unknown): asserts doc is VzDocument {
  const problems = validate(doc);
  if (problems.length) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
}

type Add = (path: string, message: string) => void;

function checkDirection(value: unknown, path: string, add: Add) {
  if (value !== undefined && !DIRECTIONS.includes(value as never)) {
    add(path, `must be one of ${DIRECTIONS.join(', ')}, got ${show(value)}`);
  }
}

/** Where node `index` is; built only for a problem (a string per node is garbage a 100k document does not need). */
const at = (index: number) => `nodes[${index}]`;

/** Checks one node; records its id; returns its parent id when it is a usable string. */
function checkNode(node: unknown, index: number, ids: Map<string, number>, add: Add): string | null {
  if (!isObject(node)) {
    add(at(index), `a node is an object with an "id", got ${show(node)}`);
    return null;
  }
  if (typeof node.id !== 'string' || node.id === '') {
    add(`${at(index)}.id`, node.id === undefined ? 'missing: every node needs a unique string id'
      : `must be a non-empty string, got ${show(node.id)}`);
  } else if (ids.has(node.id)) {
    add(`${at(index)}.id`, `duplicate id ${show(node.id)} (first used by nodes[${ids.get(node.id)}])`);
  } else {
    ids.set(node.id, index);
  }
  if (node.label !== undefined && typeof node.label !== 'string') add(`${at(index)}.label`, `must be a string, got ${show(node.label)}`);
  if (node.kind !== undefined && typeof node.kind !== 'string') add(`${at(index)}.kind`, `must be a string, got ${show(node.kind)}`);
  if (node.collapsed !== undefined && typeof node.collapsed !== 'boolean') {
    add(`${at(index)}.collapsed`, `must be true or false, got ${show(node.collapsed)}`);
  }
  if (node.direction !== undefined) checkDirection(node.direction, `${at(index)}.direction`, add);
  if (node.step !== undefined && !(Number.isInteger(node.step) && (node.step as number) >= 0)) {
    add(`${at(index)}.step`, `must be a whole number >= 0, got ${show(node.step)}`);
  }
  if (node.width !== undefined && !positive(node.width)) add(`${at(index)}.width`, `must be a positive number, got ${show(node.width)}`);
  if (node.height !== undefined && !positive(node.height)) add(`${at(index)}.height`, `must be a positive number, got ${show(node.height)}`);
  if (node.attrs !== undefined && !isObject(node.attrs)) add(`${at(index)}.attrs`, `must be an object, got ${show(node.attrs)}`);
  if (node.attachments !== undefined) {
    if (!Array.isArray(node.attachments)) add(`${at(index)}.attachments`, `must be an array, got ${show(node.attachments)}`);
    else node.attachments.forEach((a, j) => checkAttachment(a, `${at(index)}.attachments[${j}]`, add));
  }
  const parent = node.parent;
  if (parent === undefined || parent === null) return null;
  if (typeof parent !== 'string') {
    add(`${at(index)}.parent`, `must be a node id or null, got ${show(parent)}`);
    return null;
  }
  return parent;
}

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const whole = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

export function checkAttachment(a: unknown, path: string, add: Add) {
  if (!isObject(a)) return add(path, `an attachment is an object with "id" and "type", got ${show(a)}`);
  if (typeof a.id !== 'string' || a.id === '') add(`${path}.id`, `must be a non-empty string, got ${show(a.id)}`);
  if (typeof a.type !== 'string') add(`${path}.type`, `must be a string (text, scalar, line, histogram, image), got ${show(a.type)}`);
}

/** Unknown parents and parent cycles. Each node is walked once (colours: 0 new, 1 on path, 2 done). */
function* checkParents(nodes: unknown[], parents: Array<string | null>, ids: Map<string, number>, add: Add): Generator<void> {
  const n = nodes.length;
  for (let i = 0; i < n; i++) {
    const p = parents[i];
    if (p === null) continue;
    if (!ids.has(p)) {
      add(`nodes[${i}].parent`, `unknown parent ${show(p)}: no node has this id`);
      parents[i] = null;
    } else if (ids.get(p) === i) {
      add(`nodes[${i}].parent`, `a node cannot be its own parent (${show(p)})`);
      parents[i] = null;
    }
  }
  // Only the first node with an id counts; duplicates were reported already.
  const colour = new Uint8Array(n);
  // The walk's path as a stack in one typed array: `path.length = 0` on a JS array dropped its
  // storage, so every walk allocated anew (~9 MB of garbage at 100k nodes).
  const path = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (start % SLICE === SLICE - 1) yield;
    if (colour[start]) continue;
    let i = start, top = 0;
    while (i >= 0 && colour[i] === 0) {
      colour[i] = 1;
      path[top++] = i;
      const p = parents[i];
      i = p === null ? -1 : ids.get(p)!;
    }
    if (i >= 0 && colour[i] === 1) {
      const walked = [...path.subarray(0, top)];
      const cycle = walked.slice(walked.indexOf(i)).map((k) => (nodes[k] as { id: string }).id);
      add(`nodes[${i}].parent`, `parent cycle: ${cycle.map((id) => show(id)).join(' → ')} → ${show(cycle[0])}; ` +
        'a group cannot contain itself, so set one of these parents to another node or null');
    }
    for (let t = 0; t < top; t++) colour[path[t]] = 2;
  }
}

function checkEdge(edge: unknown, index: number, ids: { has(id: string): boolean }, edgeIds: Set<string>, add: Add) {
  if (!isObject(edge)) return add(`edges[${index}]`, `an edge is an object with "source" and "target", got ${show(edge)}`);
  if (edge.id !== undefined) {
    if (typeof edge.id !== 'string') add(`edges[${index}].id`, `must be a string, got ${show(edge.id)}`);
    else if (edgeIds.has(edge.id)) add(`edges[${index}].id`, `duplicate edge id ${show(edge.id)}`);
    else edgeIds.add(edge.id);
  }
  const { source, target } = edge;
  if (typeof source !== 'string' || !ids.has(source)) badEnd(source, `edges[${index}].source`, add);
  if (typeof target !== 'string' || !ids.has(target)) badEnd(target, `edges[${index}].target`, add);
  if (edge.sourcePort !== undefined && !whole(edge.sourcePort)) add(`edges[${index}].sourcePort`, `must be a whole number >= 0, got ${show(edge.sourcePort)}`);
  if (edge.targetPort !== undefined && !whole(edge.targetPort)) add(`edges[${index}].targetPort`, `must be a whole number >= 0, got ${show(edge.targetPort)}`);
  if (edge.label !== undefined && typeof edge.label !== 'string') add(`edges[${index}].label`, `must be a string, got ${show(edge.label)}`);
}

/** Reports a bad edge end (not a string, or no node has that id). */
function badEnd(v: unknown, path: string, add: Add) {
  if (typeof v !== 'string') add(path, v === undefined ? 'missing: an edge needs a source and a target node id' : `must be a node id (a string), got ${show(v)}`);
  else add(path, `unknown node ${show(v)}: no node has this id`);
}
