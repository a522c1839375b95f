-- The notice texts a receipt's `texts` hash refers to: registered once,
-- never changed, so a receipt can always be shown with what the visitor read.
CREATE TABLE notices (
  hash text PRIMARY KEY,
  revision integer,
  locale text NOT NULL,
  texts jsonb NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER notices_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON notices
  FOR EACH STATEMENT EXECUTE FUNCTION samtykke_append_only();
