-- The consent log: one row per stored consent receipt, chained by hash.
-- Applied by log/migrate.mjs (in a transaction, under an advisory lock), on
-- PGlite and on any Postgres >= 11 (sha256() is core from 11).

CREATE TABLE receipts (
  -- Set by the chain trigger, never by the caller: 1, 2, 3, ...
  seq bigint PRIMARY KEY,
  consent_id text NOT NULL,
  -- The receipt's own time, as the browser wrote it (kept as text: it is
  -- proof of what was sent, not a value to be normalised).
  "time" text NOT NULL,
  received_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  origin text,
  origin_allowed boolean NOT NULL,
  receipt jsonb NOT NULL,
  -- SHA-256 of the receipt's canonical JSON (log/chain.mjs receiptDigest).
  digest text NOT NULL UNIQUE,
  -- Set by the chain trigger: the canonical text hashed, and the chain.
  record text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX receipts_consent_id ON receipts (consent_id, seq);
CREATE INDEX receipts_received_at ON receipts (received_at);

-- The chain's end: one row, locked by every insert, so that inserts from any
-- number of server processes queue up and extend one chain.
CREATE TABLE chain_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO chain_head (one, seq, hash) VALUES (true, 0, repeat('0', 64));

-- A time as the log writes it everywhere: ISO 8601 in UTC with milliseconds
-- (what JavaScript's toISOString gives), whatever the session's TimeZone.
CREATE FUNCTION samtykke_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The canonical text of a row: jsonb's text output is deterministic (keys
-- sorted by length then bytes, one space after ':' and ',').
-- verify() and exports hash this stored text; they never rebuild it.
CREATE FUNCTION samtykke_record(r receipts) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'seq', r.seq,
    'consentId', r.consent_id,
    'time', r."time",
    'receivedAt', samtykke_iso(r.received_at),
    'ip', r.ip,
    'userAgent', r.user_agent,
    'origin', r.origin,
    'originAllowed', r.origin_allowed,
    'receipt', r.receipt
  )::text
$$;

-- BEFORE INSERT, per row: dedupe, number, and chain. (Not ON CONFLICT: a
-- BEFORE trigger fires before the conflict check and would have advanced the
-- chain for a row that is then dropped.) The function is VOLATILE, so each
-- query in it sees rows inserted earlier by the same statement and, once the
-- lock on chain_head is granted, rows committed by whoever held it.
CREATE FUNCTION samtykke_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head chain_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM chain_head WHERE one FOR UPDATE;
  IF EXISTS (SELECT 1 FROM receipts WHERE digest = NEW.digest) THEN
    RETURN NULL;
  END IF;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.record := samtykke_record(NEW);
  NEW.hash := encode(sha256(decode(head.hash, 'hex') || convert_to(NEW.record, 'UTF8')), 'hex');
  UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE one;
  RETURN NEW;
END
$$;
CREATE TRIGGER receipts_chain BEFORE INSERT ON receipts
  FOR EACH ROW EXECUTE FUNCTION samtykke_chain();

-- Append-only. UPDATE and TRUNCATE are always refused; DELETE only inside
-- the retention job's transaction (SET LOCAL samtykke.retention = 'on').
-- Statement-level, so that a statement is refused even when it matches no
-- row, and retention pays for one check, not one per row.
CREATE FUNCTION samtykke_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'receipts'
     AND current_setting('samtykke.retention', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'samtykke: % is append-only, % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER receipts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON receipts
  FOR EACH STATEMENT EXECUTE FUNCTION samtykke_append_only();

-- The head only moves forward one row at a time (the chain trigger's own
-- update), and is never removed.
CREATE FUNCTION samtykke_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_LEVEL = 'ROW' AND NEW.one AND NEW.seq = OLD.seq + 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'samtykke: chain_head only moves forward with an insert, % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER chain_head_forward BEFORE UPDATE ON chain_head
  FOR EACH ROW EXECUTE FUNCTION samtykke_head_forward();
CREATE TRIGGER chain_head_kept BEFORE DELETE OR TRUNCATE ON chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION samtykke_head_forward();
