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
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!isObject(doc)) {
    add('', `a vz-graph document is a JSON object, got ${show(doc)}`);
    return problems;
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
    doc.nodes.forEach((node, i) => {
      parents.push(checkNode(node, `nodes[${i}]`, i, ids, add));
    });
    checkParents(doc.nodes as unknown[], parents, ids, add);
  }

  if (doc.edges !== undefined && !Array.isArray(doc.edges)) {
    add('edges', `must be an array of edges, got ${show(doc.edges)}`);
  } else if (Array.isArray(doc.edges)) {
    const edgeIds = new Set<string>();
    doc.edges.forEach((edge, i) => checkEdge(edge, `edges[${i}]`, ids, edgeIds, add));
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

/** Checks one node; records its id; returns its parent id when it is a usable string. */
function checkNode(node: unknown, path: string, index: number, ids: Map<string, number>, add: Add): string | null {
  if (!isObject(node)) {
    add(path, `a node is an object with an "id", got ${show(node)}`);
    return null;
  }
  if (typeof node.id !== 'string' || node.id === '') {
    add(`${path}.id`, node.id === undefined ? 'missing: every node needs a unique string id'
      : `must be a non-empty string, got ${show(node.id)}`);
  } else if (ids.has(node.id)) {
    add(`${path}.id`, `duplicate id ${show(node.id)} (first used by nodes[${ids.get(node.id)}])`);
  } else {
    ids.set(node.id, index);
  }
  for (const key of ['label', 'kind'] as const) {
    if (node[key] !== undefined && typeof node[key] !== 'string') add(`${path}.${key}`, `must be a string, got ${show(node[key])}`);
  }
  if (node.collapsed !== undefined && typeof node.collapsed !== 'boolean') {
    add(`${path}.collapsed`, `must be true or false, got ${show(node.collapsed)}`);
  }
  checkDirection(node.direction, `${path}.direction`, add);
  if (node.step !== undefined && !(Number.isInteger(node.step) && (node.step as number) >= 0)) {
    add(`${path}.step`, `must be a whole number >= 0, got ${show(node.step)}`);
  }
  for (const key of ['width', 'height'] as const) {
    const v = node[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      add(`${path}.${key}`, `must be a positive number, got ${show(v)}`);
    }
  }
  if (node.attrs !== undefined && !isObject(node.attrs)) add(`${path}.attrs`, `must be an object, got ${show(node.attrs)}`);
  if (node.attachments !== undefined) {
    if (!Array.isArray(node.attachments)) add(`${path}.attachments`, `must be an array, got ${show(node.attachments)}`);
    else node.attachments.forEach((a, j) => checkAttachment(a, `${path}.attachments[${j}]`, add));
  }
  const parent = node.parent;
  if (parent === undefined || parent === null) return null;
  if (typeof parent !== 'string') {
    add(`${path}.parent`, `must be a node id or null, got ${show(parent)}`);
    return null;
  }
  return parent;
}

export function checkAttachment(a: unknown, path: string, add: Add) {
  if (!isObject(a)) return add(path, `an attachment is an object with "id" and "type", got ${show(a)}`);
  if (typeof a.id !== 'string' || a.id === '') add(`${path}.id`, `must be a non-empty string, got ${show(a.id)}`);
  if (typeof a.type !== 'string') add(`${path}.type`, `must be a string (text, scalar, line, histogram, image), got ${show(a.type)}`);
}

/** Unknown parents and parent cycles. Each node is walked once (colours: 0 new, 1 on path, 2 done). */
function checkParents(nodes: unknown[], parents: Array<string | null>, ids: Map<string, number>, add: Add) {
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
  const path: number[] = [];
  for (let start = 0; start < n; start++) {
    if (colour[start]) continue;
    let i = start;
    path.length = 0;
    while (i >= 0 && colour[i] === 0) {
      colour[i] = 1;
      path.push(i);
      const p = parents[i];
      i = p === null ? -1 : ids.get(p)!;
    }
    if (i >= 0 && colour[i] === 1) {
      const cycle = path.slice(path.indexOf(i)).map((k) => (nodes[k] as { id: string }).id);
      add(`nodes[${i}].parent`, `parent cycle: ${cycle.map((id) => show(id)).join(' → ')} → ${show(cycle[0])}; ` +
        'a group cannot contain itself, so set one of these parents to another node or null');
    }
    for (const k of path) colour[k] = 2;
  }
}

function checkEdge(edge: unknown, path: string, ids: Map<string, number>, edgeIds: Set<string>, add: Add) {
  if (!isObject(edge)) return add(path, `an edge is an object with "source" and "target", got ${show(edge)}`);
  if (edge.id !== undefined) {
    if (typeof edge.id !== 'string') add(`${path}.id`, `must be a string, got ${show(edge.id)}`);
    else if (edgeIds.has(edge.id)) add(`${path}.id`, `duplicate edge id ${show(edge.id)}`);
    else edgeIds.add(edge.id);
  }
  for (const end of ['source', 'target'] as const) {
    const v = edge[end];
    if (typeof v !== 'string') add(`${path}.${end}`, v === undefined ? 'missing: an edge needs a source and a target node id' : `must be a node id (a string), got ${show(v)}`);
    else if (!ids.has(v)) add(`${path}.${end}`, `unknown node ${show(v)}: no node has this id`);
  }
  for (const port of ['sourcePort', 'targetPort'] as const) {
    const v = edge[port];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0)) add(`${path}.${port}`, `must be a whole number >= 0, got ${show(v)}`);
  }
  if (edge.label !== undefined && typeof edge.label !== 'string') add(`${path}.label`, `must be a string, got ${show(edge.label)}`);
}
