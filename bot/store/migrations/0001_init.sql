-- Films, reviews, similar links and aliases. guild_id 0 is the shared seed catalogue;
-- any other value is the Discord server that added the row and the only one that sees it.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE films (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL DEFAULT 0,
    seed_key    TEXT,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_key   TEXT NOT NULL,
    year        INTEGER CHECK (year IS NULL OR year BETWEEN 1870 AND 2100),
    director    TEXT,
    cast_json   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cast_json)),
    genres_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(genres_json)),
    synopsis    TEXT,
    release     TEXT,
    votes       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (guild_id, seed_key)
) STRICT;
CREATE UNIQUE INDEX films_unique_title ON films (guild_id, title_key, coalesce(year, 0));

CREATE TABLE reviews (
    id       INTEGER PRIMARY KEY,
    film_id  INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    guild_id INTEGER NOT NULL DEFAULT 0,
    quote    TEXT NOT NULL CHECK (length(quote) BETWEEN 1 AND 400),
    source   TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
    author   TEXT,
    verdict  TEXT,
    url      TEXT
) STRICT;
CREATE INDEX reviews_by_film ON reviews (film_id, guild_id);

CREATE TABLE similar (
    id         INTEGER PRIMARY KEY,
    film_id    INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    similar_id INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    guild_id   INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 400),
    CHECK (film_id <> similar_id),
    UNIQUE (guild_id, film_id, similar_id)
) STRICT;
CREATE INDEX similar_by_other ON similar (similar_id, guild_id);

CREATE TABLE aliases (
    id       INTEGER PRIMARY KEY,
    film_id  INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    guild_id INTEGER NOT NULL DEFAULT 0,
    alias    TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 200),
    UNIQUE (guild_id, film_id, alias)
) STRICT;

PRAGMA user_version = 1;
