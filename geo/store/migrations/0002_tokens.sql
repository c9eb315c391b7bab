-- craftmap schema 0002: API tokens (SHA-256 digests only; names stay unique, revoked ones too).
CREATE TABLE IF NOT EXISTS craftmap_tokens (
  name text PRIMARY KEY,
  role text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
