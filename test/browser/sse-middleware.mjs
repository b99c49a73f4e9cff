// Serves Server-Sent Events to the browser tests, over real HTTP on loopback.
//   /sse/fixture?file=test/fixtures/…  one `graph` event with that document, then keeps the stream open
//   /sse/drop                           one `graph` event, then closes the connection (a dropped stream)
//   /sse/sequence                       `graph`, then a `patch` (adds a node and an edge), then `attach` events
//   /sse/refused                        `graph`, a `patch` that breaks the document (a node whose parent does not exist), then an `attach`
//   /sse/large                          a `graph` of 110,000 nodes (10,000 groups of 10; indexed in slices), a `patch` adding a
//                                       node after its last one and an `attach` on its first leaf, all three in one write
//   /sse/list?dir=test/fixtures/…       (plain JSON) the names of the .vz.json files in that folder
// Every response carries Access-Control-Allow-Origin so cross-origin pages can read it.
import fs from 'node:fs';

function open(ctx) {
  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'Access-Control-Allow-Origin': '*',
  });
  return res;
}

const TWO_NODES = { format: 'vz-graph', version: 1, title: 'live', nodes: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }],
  edges: [{ id: 'ab', source: 'a', target: 'b' }] };

/** Sends `events` ([type, data] pairs) one every 150 ms, ids from 1, then keeps the stream open. */
function play(ctx, events) {
  const res = open(ctx);
  let id = 0;
  const send = () => {
    const [type, data] = events[id++];
    res.write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    if (id < events.length) timer = setTimeout(send, 150);
  };
  let timer = setTimeout(send, 0);
  ctx.req.on('close', () => clearTimeout(timer));
}

export async function sseMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/sse/')) return next();
  const url = new URL(ctx.url, 'http://localhost');
  if (ctx.path === '/sse/fixture') {
    const file = url.searchParams.get('file') ?? '';
    if (!file.startsWith('test/fixtures/') || file.includes('..')) { ctx.status = 400; return; }
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const res = open(ctx);
    res.write(`id: 1\nevent: graph\ndata: ${JSON.stringify(doc)}\n\n`);
    const timer = setInterval(() => res.write(': keep-alive\n\n'), 1000);
    ctx.req.on('close', () => clearInterval(timer));
    return;
  }
  if (ctx.path === '/sse/drop') {
    const res = open(ctx);
    const doc = { format: 'vz-graph', version: 1, nodes: [{ id: 'a', label: 'A' }], edges: [] };
    res.write(`retry: 60000\nid: 1\nevent: graph\ndata: ${JSON.stringify(doc)}\n\n`);
    setTimeout(() => res.end(), 200);
    return;
  }
  if (ctx.path === '/sse/sequence') {
    play(ctx, [
      ['graph', TWO_NODES],
      ['patch', { nodes: [{ id: 'c', label: 'C', kind: 'output' }], edges: [{ id: 'bc', source: 'b', target: 'c', label: '[4]' }] }],
      ['attach', { node: 'b', attachment: { id: 'loss', type: 'line', values: [3, 2] } }],
      ['attach', { node: 'b', attachment: { id: 'loss', type: 'line', values: [1.5, 1] }, append: true }],
    ]);
    return;
  }
  if (ctx.path === '/sse/refused') { // a patch with an unknown parent is refused; the stream goes on
    play(ctx, [
      ['graph', TWO_NODES],
      ['patch', { nodes: [{ id: 'c', label: 'C', parent: 'nowhere' }] }],
      ['attach', { node: 'b', attachment: { id: 'acc', type: 'scalar', value: 0.5 } }],
    ]);
    return;
  }
  if (ctx.path === '/sse/large') { // the patch and attach arrive while the element still indexes the graph
    const nodes = [], edges = [];
    for (let g = 0; g < 10_000; g++) {
      nodes.push({ id: `g${g}`, label: `block ${g}` });
      for (let i = 0; i < 10; i++) {
        nodes.push({ id: `g${g}.${i}`, parent: `g${g}`, label: `op ${g}.${i}` });
        if (i) edges.push({ source: `g${g}.${i - 1}`, target: `g${g}.${i}` });
      }
      if (g) edges.push({ source: `g${g - 1}.9`, target: `g${g}.0` });
    }
    const res = open(ctx);
    res.write([
      ['graph', { format: 'vz-graph', version: 1, title: 'large', nodes, edges }],
      ['patch', { nodes: [{ id: 'tail', label: 'tail', kind: 'output' }], edges: [{ id: 'last', source: 'g9999.9', target: 'tail' }] }],
      ['attach', { node: 'g0.0', attachment: { id: 'loss', type: 'line', values: [3, 2, 1] } }],
    ].map(([type, data], i) => `id: ${i + 1}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`).join(''));
    const timer = setInterval(() => res.write(': keep-alive\n\n'), 1000);
    ctx.req.on('close', () => clearInterval(timer));
    return;
  }
  if (ctx.path === '/sse/list') {
    const dir = url.searchParams.get('dir') ?? '';
    if (!dir.startsWith('test/fixtures/') || dir.includes('..')) { ctx.status = 400; return; }
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.vz.json')).sort() : []);
    return;
  }
  return next();
}
