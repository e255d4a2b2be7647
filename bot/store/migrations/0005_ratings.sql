-- Members' ratings and reviews. A row belongs to one server (guild_id, never the seed catalogue)
-- and one member: no other server sees it, catalogue export/import never carries it, and
-- re-seeding never deletes the film it rates (bot/store/references.py decides what may go).
-- stars counts half stars: 1 = 0.5 stars .. 10 = 5 stars (limits in bot/core/ratings.py).
CREATE TABLE ratings (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL CHECK (guild_id <> 0),
    user_id       INTEGER NOT NULL,
    film_id       INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    stars         INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 10),
    review        TEXT CHECK (review IS NULL OR length(review) BETWEEN 1 AND 1000),
    spoiler       INTEGER NOT NULL DEFAULT 0 CHECK (spoiler IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    hidden_reason TEXT CHECK (hidden_reason IS NULL OR length(hidden_reason) <= 400),
    hidden_by     INTEGER,
    CHECK (hidden = 0 OR review IS NOT NULL),
    UNIQUE (guild_id, user_id, film_id)
) STRICT;
CREATE INDEX ratings_by_film ON ratings (guild_id, film_id, updated_at);
CREATE INDEX ratings_by_member ON ratings (user_id, guild_id);

-- Per-server settings: the fewest ratings a film needs to appear in /top, and the role a member
-- needs to write a review (NULL: anyone may).
CREATE TABLE rating_settings (
    guild_id       INTEGER PRIMARY KEY CHECK (guild_id <> 0),
    min_ratings    INTEGER NOT NULL CHECK (min_ratings BETWEEN 1 AND 1000),
    review_role_id INTEGER
) STRICT;

PRAGMA user_version = 5;
