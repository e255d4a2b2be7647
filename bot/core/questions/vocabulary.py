"""The fixed words of questions about films: genres, places, languages, orders, fillers.

Each table is data: a new synonym is one entry. Canonical genre names are the catalogue's
(Wikidata/OMDb: "Sci-Fi", "Biography"); country and language names are plain English.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.questions.model import Order


def _table(text: str, keep_empty: bool = False) -> list[tuple[str, list[str]]]:
    """'key: a, b, c' lines -> [(key, [a, b, c])]; an indented line continues the one before."""
    rows: list[tuple[str, list[str]]] = []
    for line in text.strip("\n").splitlines():
        if line[:1].isspace() and rows:
            rows[-1][1].extend(v.strip() for v in line.split(",") if v.strip())
            continue
        key, _, values = line.partition(":")
        rows.append((key.strip(), [v.strip() for v in values.split(",") if keep_empty or v.strip()]))
    return rows


# canonical genre(s): the words people use for them (after folding; "sci-fi" arrives as "sci fi")
_GENRES = _table("""
Action: action, actions, action packed, actioner, actioners, shoot em up, shoot em ups
Adventure: adventure, adventures, adventurous
Animation: animation, animated, animations, cartoon, cartoons, anime
Biography: biography, biographies, biographical, biopic, biopics, bio pic, bio pics
Comedy: comedy, comedies, comedic, funny, funnier, hilarious, humorous, comedys
Crime: crime, crimes, gangster, gangsters, mafia, mob, heist, heists, criminal
Documentary: documentary, documentaries, doc, docs, documentaire, docu, docos
Drama: drama, dramas, dramatic, dramatics, dramedy
Family: family, families, kids, kid, children, childrens, family friendly
Fantasy: fantasy, fantasies, fantastical
History: history, historical, period, period piece, period pieces
Horror: horror, horrors, scary, scarier, spooky, frightening, slasher, slashers, creepy
Music: music documentary, concert film, concert films
Musical: musical, musicals
Mystery: mystery, mysteries, whodunit, whodunits, whodunnit, whodunnits, detective
Romance: romance, romances, romantic, love story, love stories
Sci-Fi: sci fi, scifi, science fiction, sf, sci fis, scifis, science fictions
Sport: sport, sports, sporting, sporty
Thriller: thriller, thrillers, suspense, suspenseful, thrilling
War: war, wartime, war time
Western: western, westerns, cowboy, cowboys, spaghetti western, spaghetti westerns
Comedy+Romance: rom com, romcom, rom coms, romcoms, romantic comedy, romantic comedies
Comedy+Drama: comedy drama, comedy dramas
Crime+Drama: crime drama, crime dramas
Action+Comedy: action comedy, action comedies
Comedy+Horror: horror comedy, horror comedies
Sci-Fi+Horror: science fiction horror, sci fi horror
""")

# adjective: country, language (either may be empty). "french comedies" matches either one.
_NATIONS = _table(
    """
american: United States,
hollywood: United States,
british: United Kingdom,
english: United Kingdom, English
scottish: United Kingdom,
irish: Ireland,
french: France, French
german: Germany, German
italian: Italy, Italian
spanish: Spain, Spanish
portuguese: Portugal, Portuguese
brazilian: Brazil, Portuguese
mexican: Mexico, Spanish
argentinian: Argentina, Spanish
argentine: Argentina, Spanish
japanese: Japan, Japanese
korean: South Korea, Korean
chinese: People's Republic of China,
taiwanese: Taiwan,
thai: Thailand, Thai
indian: India,
bollywood: India, Hindi
hindi: , Hindi
tamil: , Tamil
mandarin: , Mandarin
cantonese: , Cantonese
arabic: , Arabic
latin: , Latin
yiddish: , Yiddish
iranian: Iran, Persian
persian: Iran, Persian
israeli: Israel, Hebrew
hebrew: , Hebrew
turkish: Turkey, Turkish
greek: Greece, Greek
russian: Russia, Russian
soviet: Soviet Union, Russian
polish: Poland, Polish
czech: Czech Republic, Czech
hungarian: Hungary, Hungarian
romanian: Romania, Romanian
swedish: Sweden, Swedish
danish: Denmark, Danish
norwegian: Norway, Norwegian
finnish: Finland, Finnish
icelandic: Iceland, Icelandic
dutch: Netherlands, Dutch
belgian: Belgium,
swiss: Switzerland,
austrian: Austria, German
canadian: Canada,
australian: Australia, English
aussie: Australia, English
kiwi: New Zealand,
south african: South Africa,
nigerian: Nigeria,
egyptian: Egypt, Arabic
""",
    keep_empty=True,
)

# canonical country (as the catalogue's Wikidata data names it): the names people use for it
_COUNTRIES = _table("""
United States: united states, the us, usa, america, the states, united states of america
United Kingdom: united kingdom, uk, britain, great britain, england, scotland, wales
Hong Kong: hong kong, hk
South Korea: south korea, korea
New Zealand: new zealand, nz
Soviet Union: soviet union, ussr
Czech Republic: czech republic, czechia
People's Republic of China: china, prc, mainland china
South Africa: south africa
""")

# countries whose name is also the word for them (France, Japan, ...)
_PLAIN_COUNTRIES = _table("""
plain: France, Germany, Italy, Spain, Portugal, Brazil, Mexico, Argentina, Japan, Taiwan,
    Thailand, India, Iran, Israel, Turkey, Greece, Russia, Poland, Hungary, Romania, Sweden, Denmark,
    Norway, Finland, Iceland, Netherlands, Belgium, Switzerland, Austria, Canada, Australia, Ireland,
    Nigeria, Egypt, Chile, Colombia, Cuba, Peru, Philippines, Indonesia, Vietnam
""")[0][1]

_ORDERS = _table("""
best_known: best known, most famous, famous, well known, popular, most popular, classic, classics, iconic, biggest, most well known, notable
newest: newest, latest, most recent, recent, new, newer, modern
oldest: oldest, earliest, old, older, vintage, first
rating: highest rated, top rated, best rated, best, top, greatest, acclaimed, critically acclaimed, best reviewed, highly rated, well reviewed, highest scoring, best scoring, finest, top ranked
""")

# Words that may surround filters without changing them ("any good 80s horror films please").
FILLERS = frozenset(
    _table("""
fillers: a, an, the, some, any, few, couple, good, great, nice, decent, cool, fun, all, me, us, for,
    please, that, which, are, were, was, is, be, been, but, and, or, only, just, really, very, also,
    one, ones, kind, type, sort, stuff, titles, film, films, movie, movies, flick, flicks, picture,
    pictures, cinema, from, in, of, during, made, released, set, to, watch, seen, tonight, today, now,
    maybe, perhaps, lots, lot, more, other, year, years
""")[0][1]
)

DECADE_WORDS = {
    "twenties": 1920,
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
    "noughties": 2000,
    "naughties": 2000,
}
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9)}
RANGE_STARTS = frozenset({"between", "from"})
RANGE_JOINS = frozenset({"and", "to", "-", "till", "until", "through", "thru"})
BEFORE = frozenset({"before", "pre", "until", "till", "prior"})
AFTER = frozenset({"after", "post"})
SINCE = frozenset({"since"})
YEAR_PREPOSITIONS = frozenset({"from", "of", "in", "during", "circa", "around", "released", "made"})
LANGUAGE_MARKERS = ("language", "speaking", "spoken", "dubbed")


@dataclass(frozen=True, slots=True)
class Effect:
    """What a fixed phrase contributes to the filters."""

    genres: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    either: bool = False
    order: Order | None = None

    @property
    def is_filler(self) -> bool:
        return self == FILLER


FILLER = Effect()


def _phrases() -> dict[tuple[str, ...], Effect]:
    table: dict[tuple[str, ...], Effect] = {(w,): FILLER for w in FILLERS}
    for key, synonyms in _GENRES:
        genres = tuple(sorted(key.split("+")))
        for synonym in synonyms:
            table[tuple(synonym.split())] = Effect(genres=genres)
    for canonical, names in _COUNTRIES + [(c, [c.lower()]) for c in _PLAIN_COUNTRIES]:
        for name in names:
            table[tuple(name.split())] = Effect(country=canonical)
    for adjective, places in _NATIONS:
        country, language = [*places, ""][:2]
        words = tuple(adjective.split())
        both = bool(country and language)
        table[words] = Effect(country=country or None, language=language or None, either=both)
        if language:  # "in french", "french language", "french-speaking": the language alone
            only = Effect(language=language)
            table[("in", *words)] = only
            for marker in LANGUAGE_MARKERS:
                table[(*words, marker)] = only
            table[("spoken", "in", *words)] = only
    for order, phrases in _ORDERS:
        for phrase in phrases:
            table[tuple(phrase.split())] = Effect(order=Order(order))
    return table


PHRASES = _phrases()
LONGEST_PHRASE = max(len(p) for p in PHRASES)
FILTER_WORDS = frozenset(
    {w for phrase in PHRASES for w in phrase}
    | set(DECADE_WORDS)
    | set(DECADE_PARTS)
    | RANGE_STARTS
    | RANGE_JOINS
    | BEFORE
    | AFTER
    | SINCE
    | YEAR_PREPOSITIONS
)
