-- craftmap schema 0004: people's accounts (Argon2id hashes only), server-side sessions (SHA-256 of the
-- cookie value) and failed sign-in counters per account and per client address. Times are epoch seconds.
CREATE TABLE IF NOT EXISTS craftmap_users (
  name text PRIMARY KEY,
  role text NOT NULL,
  password_hash text NOT NULL,
  created_at double precision NOT NULL,
  disabled_at double precision
);
CREATE TABLE IF NOT EXISTS craftmap_sessions (
  session_hash text PRIMARY KEY,
  user_name text NOT NULL REFERENCES craftmap_users (name),
  csrf text NOT NULL,
  created_at double precision NOT NULL,
  last_seen double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS craftmap_sessions_user ON craftmap_sessions (user_name);
CREATE TABLE IF NOT EXISTS craftmap_signin_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failure double precision NOT NULL,
  locked_until double precision NOT NULL
);
