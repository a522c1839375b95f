-- Signed statements about the chain, and what retention removed. Both are
-- signed in Node with the log's Ed25519 key (log/signing.mjs), which never
-- enters the database; only signatures and key ids do.

-- "The chain reached seq with hash at time": Ed25519 over `${seq}\n${hash}\n${time}`.
CREATE TABLE checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  hash text NOT NULL,
  -- The exact text signed (ISO 8601), so kept as text.
  "time" text NOT NULL,
  signature text NOT NULL,
  key_id text NOT NULL
);

-- Each retention run that deleted rows: the last deleted row's seq and hash,
-- which the first remaining row names as its prev_hash. Signed over
-- `retention\n${last_seq}\n${last_hash}\n${time}` so that verify() can tell
-- a legitimate new start of the chain from rows deleted behind its back.
CREATE TABLE retention_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "time" text NOT NULL,
  before timestamptz NOT NULL,
  rows bigint NOT NULL,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL,
  signature text NOT NULL,
  key_id text NOT NULL
);

CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION samtykke_append_only();
CREATE TRIGGER retention_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON retention_log
  FOR EACH STATEMENT EXECUTE FUNCTION samtykke_append_only();
