// Starts the examples server, the one `npm start` runs, on a free port for
// the whole browser suite; its URL reaches the workers through the
// environment. Returns the teardown that stops it.
import { startServer } from '../../scripts/server.mjs';

export default async function globalSetup() {
  const server = await startServer({ port: 0 });
  process.env.SAMTYKKE_EXAMPLES_URL = server.url;
  return () => server.close();
}
