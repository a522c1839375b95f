// `npm start`: serves the examples on localhost, with the fresh build under
// /dist/. The port comes from $PORT (default 8080); if it is taken, the next
// free one is used and printed.
import { startServer } from './server.mjs';

try {
  const { url } = await startServer({ port: Number(process.env.PORT || 8080) });
  console.log(`samtykke examples: ${url}`);
  console.log('Press Ctrl+C to stop.');
} catch (error) {
  console.error(`samtykke examples: ${error.message}`);
  process.exit(1);
}
