// Serves Server-Sent Events to the browser tests, over real HTTP on loopback.
//   /sse/fixture?file=test/fixtures/…  one `graph` event with that document, then keeps the stream open
//   /sse/drop                           one `graph` event, then closes the connection (a dropped stream)
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
  return next();
}
