-- Film details and discovery facets (SQLite's 0006_film_details.sql), the same tables and checks.
-- The starter catalogue is not loaded on PostgreSQL yet (bot/wiring.py); these tables let the
-- schema match, so `filmbot copy-db` carries them across.
CREATE TABLE film_details (
    film_id           BIGINT PRIMARY KEY REFERENCES films (id) ON DELETE CASCADE,
    wikidata_id       BIGINT CHECK (wikidata_id IS NULL OR wikidata_id > 0),
    imdb_id           TEXT CHECK (imdb_id IS NULL OR imdb_id ~ '^tt[0-9]'),
    release_date      TEXT CHECK (release_date IS NULL OR release_date ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'),
    mpaa_rating       TEXT CHECK (mpaa_rating IS NULL OR length(mpaa_rating) BETWEEN 1 AND 10),
    rt_meter          INTEGER CHECK (rt_meter IS NULL OR rt_meter BETWEEN 0 AND 100),
    rt_reviews        INTEGER CHECK (rt_reviews IS NULL OR rt_reviews >= 0),
    metacritic        INTEGER CHECK (metacritic IS NULL OR metacritic BETWEEN 0 AND 100),
    oscars_won        INTEGER NOT NULL DEFAULT 0 CHECK (oscars_won >= 0),
    oscar_nominations INTEGER NOT NULL DEFAULT 0 CHECK (oscar_nominations >= oscars_won),
    notability        INTEGER NOT NULL DEFAULT 0 CHECK (notability >= 0)
);

CREATE TABLE film_facets (
    kind       TEXT NOT NULL CHECK (kind IN ('genre', 'country', 'language')),
    value_key  TEXT NOT NULL,
    film_id    BIGINT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    value      TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
    year       INTEGER,
    notability INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, value_key, film_id)
);
CREATE INDEX film_facets_ranked ON film_facets (kind, value_key, notability DESC, film_id);
CREATE INDEX film_facets_of_film ON film_facets (film_id);
