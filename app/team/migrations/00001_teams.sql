-- One schema for SQLite and PostgreSQL: both read these types alike.
-- Times are Unix milliseconds. Tokens are kept only as SHA-256 hashes.

-- +goose Up
CREATE TABLE teams (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	admin_hash TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	closed_at  BIGINT
);
CREATE INDEX teams_expires_at ON teams (expires_at);

-- One row per member of a team: adding again replaces it.
CREATE TABLE results (
	team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
	member_hash TEXT NOT NULL,
	code        TEXT NOT NULL,
	added_at    BIGINT NOT NULL,
	PRIMARY KEY (team_id, member_hash)
);

-- What is left of a deleted or expired team: a hash of its id, so that its
-- links can say "deleted" (410) rather than "unknown" (404). Purged after
-- the retention period.
CREATE TABLE gone (
	id_hash TEXT PRIMARY KEY,
	reason  TEXT NOT NULL,
	gone_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE gone;
DROP TABLE results;
DROP TABLE teams;
