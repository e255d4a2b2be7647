-- Datasets: a film's runtime in minutes, and two different films may share a title and year when
-- each carries its own IMDb id (imports match by id first, so a repeat never duplicates).
ALTER TABLE films ADD COLUMN runtime INTEGER CHECK (runtime IS NULL OR runtime BETWEEN 1 AND 10000);

DROP INDEX films_unique_title;
CREATE UNIQUE INDEX films_unique_title ON films (guild_id, title_key, coalesce(year, 0))
    WHERE seed_key IS NULL OR seed_key NOT GLOB 'imdb:tt*';
CREATE INDEX films_by_title ON films (guild_id, title_key, year);

DROP VIEW film_rows;
CREATE VIEW film_rows AS
SELECT f.id, f.guild_id, f.seed_key, f.title, f.year, f.genres_json, f.synopsis, f.release, f.votes,
       f.runtime, f.origin,
       (SELECT json_group_array(json_array(p.name, c.role, c.billing, c.character, p.source_key))
        FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id = f.id) AS credits_json
FROM films f;

PRAGMA user_version = 4;
