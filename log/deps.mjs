// What `samtykke log` needs beyond the package: PGlite (Postgres in
// WebAssembly, the default) or node-postgres (`pg`, for DATABASE_URL). Both
// are optional peer dependencies, so a site that only ships the browser
// bundle never downloads a database; they are loaded when a store opens and,
// when missing, the error says in one line what to install.

/** The log cannot start on this machine (the CLI's exit code 3). */
export class SetupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetupError';
    this.exitCode = 3;
  }
}

async function load(name, why) {
  try {
    return await import(name);
  } catch (error) {
    if (error?.code == 'ERR_MODULE_NOT_FOUND' || error?.code == 'MODULE_NOT_FOUND') {
      throw new SetupError(`samtykke log needs ${name}${why}, which is not installed: npm install --save-dev ${name}`);
    }
    throw error;
  }
}

/** The PGlite class. */
export async function loadPGlite() {
  const module = await load('@electric-sql/pglite', '');
  return module.PGlite;
}

/** node-postgres's Pool class. */
export async function loadPg() {
  const module = await load('pg', ' for DATABASE_URL');
  return (module.default ?? module).Pool;
}
