-- craftmap schema 0005: sources entered in the workspace (a document, or "entered by an officer on a day"),
-- cited by records beside the ids of data/sources.csv. Rows are never changed once written.
CREATE TABLE IF NOT EXISTS craftmap_sources (
  id text PRIMARY KEY,
  title text NOT NULL,
  publisher text NOT NULL,
  address text NOT NULL,
  date text NOT NULL,
  language text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('document', 'officer')),
  number text NOT NULL,
  entered_by text NOT NULL,
  entered_at text NOT NULL
);
