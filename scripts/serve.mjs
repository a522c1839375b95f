// `npm start`: serves the examples on localhost, with the fresh build under
// /dist/. The port comes from $PORT (default 8080); if it is taken, the next
// free one is used and printed.
import { createServer } from 'node:http';
import sirv from 'sirv';

const examples = sirv(new URL('../examples', import.meta.url).pathname, { dev: true });
const dist = sirv(new URL('../dist', import.meta.url).pathname, { dev: true });

const server = createServer((request, response) => {
  if (request.url.startsWith('/dist/')) {
    request.url = request.url.slice('/dist'.length);
    return dist(request, response, () => notFound(response));
  }
  examples(request, response, () => notFound(response));
});

function notFound(response) {
  response.statusCode = 404;
  response.end('Not found');
}

const wanted = Number(process.env.PORT || 8080);
let port = wanted;
server.on('error', (error) => {
  if (error.code == 'EADDRINUSE' && port < wanted + 20) {
    port++;
    server.listen(port, '127.0.0.1');
  } else {
    console.error(`samtykke examples: cannot listen on port ${port} (${error.message}); set PORT to a free one.`);
    process.exit(1);
  }
});
server.on('listening', () => {
  console.log(`samtykke examples: http://localhost:${port}/`);
  console.log('Press Ctrl+C to stop.');
});
server.listen(port, '127.0.0.1');
