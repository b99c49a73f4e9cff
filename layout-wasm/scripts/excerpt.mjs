// A subtree of a traced model as a document of its own: the nodes under `root` (root itself at the
// top level) and stand-ins (`input:…` labelled x, `output:…` labelled out) for the ends of edges
// that cross its border. Used by the layout screenshots and test/layout/place.test.mjs.
export function excerpt(doc, root) {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const inside = (id) => { for (let p = id; p != null; p = byId.get(p)?.parent) if (p === root) return true; return false; };
  const nodes = doc.nodes.filter((n) => inside(n.id)).map((n) => ({ ...n, parent: n.id === root ? null : n.parent }));
  const stand = new Map();
  const standIn = (id, kind) => {
    if (!stand.has(id)) stand.set(id, { id: `${kind}:${id}`, parent: null, label: kind === 'input' ? 'x' : 'out', kind });
    return stand.get(id).id;
  };
  const edges = doc.edges.filter((e) => inside(e.source) || inside(e.target)).map((e) =>
    inside(e.source) && inside(e.target) ? e : inside(e.target) ? { ...e, source: standIn(e.source, 'input') } : { ...e, target: standIn(e.target, 'output') });
  return { ...doc, title: root, nodes: [...nodes, ...stand.values()], edges, align: [] };
}
