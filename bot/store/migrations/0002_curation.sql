-- Server curation: who may curate, and a record of every write.
CREATE TABLE history (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX history_by_guild ON history (guild_id, id);

CREATE TABLE curator_roles (
    guild_id INTEGER NOT NULL,
    role_id  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, role_id)
) STRICT;

-- Where a film came from: 'seed' rows are owned by data/*.yaml and re-seeding may remove them;
-- 'admin' and 'import' rows are never touched by seeding.
ALTER TABLE films ADD COLUMN origin TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed', 'admin', 'import'));

PRAGMA user_version = 2;
