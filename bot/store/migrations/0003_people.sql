-- People and credits as rows (director, writer, cast with billing order and character), carried
-- over from films.director and films.cast_json, which go: the credits are the truth.
-- And a change log that every write to films and aliases appends to (by trigger), so a running
-- bot re-indexes exactly the films another process (filmbot import) or its own writes changed.
CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_key   TEXT NOT NULL,
    source_key TEXT UNIQUE
) STRICT;
-- Without a dataset's id ('imdb:nm0000154'), a person is known by name.
CREATE UNIQUE INDEX people_by_name ON people (name) WHERE source_key IS NULL;
CREATE INDEX people_by_key ON people (name_key);

CREATE TABLE credits (
    film_id   INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    role      TEXT NOT NULL CHECK (role IN ('director', 'writer', 'cast')),
    billing   INTEGER NOT NULL CHECK (billing >= 0),
    character TEXT CHECK (character IS NULL OR length(character) BETWEEN 1 AND 200),
    PRIMARY KEY (film_id, role, billing)
) STRICT, WITHOUT ROWID;
CREATE INDEX credits_by_person ON credits (person_id, role, film_id);

CREATE TEMP TABLE legacy_credits (film_id INTEGER, name TEXT, role TEXT, billing INTEGER, character TEXT);

-- The bulk importer joined several directors with ', '.
INSERT INTO legacy_credits (film_id, name, role, billing, character)
WITH RECURSIVE split (film_id, rest, name, n) AS (
    SELECT id, director || ', ', NULL, -1 FROM films WHERE trim(coalesce(director, '')) <> ''
    UNION ALL
    SELECT film_id, substr(rest, instr(rest, ', ') + 2), trim(substr(rest, 1, instr(rest, ', ') - 1)), n + 1
    FROM split WHERE rest <> ''
)
SELECT film_id, substr(name, 1, 200), 'director', n, NULL FROM split WHERE coalesce(name, '') <> '';

INSERT INTO legacy_credits (film_id, name, role, billing, character)
SELECT f.id, substr(trim(json_extract(m.value, '$.name')), 1, 200), 'cast', CAST(m.key AS INTEGER),
       substr(nullif(trim(coalesce(json_extract(m.value, '$.role'), '')), ''), 1, 200)
FROM films f, json_each(f.cast_json) m
WHERE trim(coalesce(json_extract(m.value, '$.name'), '')) <> '';

INSERT OR IGNORE INTO people (name, name_key) SELECT DISTINCT name, filmbot_key(name) FROM legacy_credits;

INSERT OR IGNORE INTO credits (film_id, person_id, role, billing, character)
SELECT l.film_id, p.id, l.role, l.billing, l.character
FROM legacy_credits l JOIN people p ON p.name = l.name AND p.source_key IS NULL;

DROP TABLE legacy_credits;
ALTER TABLE films DROP COLUMN director;
ALTER TABLE films DROP COLUMN cast_json;

-- A film as the store reads it: the credits as one JSON array per film (name, role, billing,
-- character, person key), so a list of films is still one query.
CREATE VIEW film_rows AS
SELECT f.id, f.guild_id, f.seed_key, f.title, f.year, f.genres_json, f.synopsis, f.release, f.votes,
       (SELECT json_group_array(json_array(p.name, c.role, c.billing, c.character, p.source_key))
        FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id = f.id) AS credits_json
FROM films f;

-- AUTOINCREMENT: a sequence number is never reused, even after old entries are pruned.
CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    film_id INTEGER NOT NULL,
    at      INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TRIGGER films_added AFTER INSERT ON films
BEGIN
    INSERT INTO changes (film_id) VALUES (new.id);
END;

-- Only what the search index holds; a re-import of the same rows logs nothing.
CREATE TRIGGER films_changed AFTER UPDATE OF title, year, votes, guild_id ON films
WHEN old.title IS NOT new.title OR old.year IS NOT new.year OR old.votes IS NOT new.votes
     OR old.guild_id IS NOT new.guild_id
BEGIN
    INSERT INTO changes (film_id) VALUES (new.id);
END;

CREATE TRIGGER films_removed AFTER DELETE ON films
BEGIN
    INSERT INTO changes (film_id) VALUES (old.id);
END;

CREATE TRIGGER aliases_added AFTER INSERT ON aliases
BEGIN
    INSERT INTO changes (film_id) VALUES (new.film_id);
END;

CREATE TRIGGER aliases_changed AFTER UPDATE ON aliases
BEGIN
    INSERT INTO changes (film_id) VALUES (old.film_id), (new.film_id);
END;

CREATE TRIGGER aliases_removed AFTER DELETE ON aliases
BEGIN
    INSERT INTO changes (film_id) VALUES (old.film_id);
END;

PRAGMA user_version = 3;
