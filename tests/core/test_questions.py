"""The question table: real-sounding questions and the structured query each must produce.

Each row is `question | spec` (bot.core.questions.spec): names as typed, genres as the catalogue
spells them, `unknown` rows ignore the example questions (tested in test_questions_input.py).
"""

from __future__ import annotations

import pytest

from bot.core.questions import parse
from bot.core.questions.spec import from_spec, to_spec

TABLE = """
who directed memento | film_info field=director film=memento
Who directed Memento? | film_info field=director film=Memento
who dirrected memento | film_info field=director film=memento
who directd the godfather | film_info field=director film="the godfather"
WHO DIRECTED JAWS?!? | film_info field=director film=JAWS
director of amelie | film_info field=director film=amelie
who was the director of the thing | film_info field=director film="the thing"
the godfather director | film_info field=director film="the godfather"
who made blade runner | film_info field=director film="blade runner"
who's the director of alien | film_info field=director film=alien
whos the director of alien | film_info field=director film=alien
who directed heat 1995 | film_info field=director film=heat film_year=1995
who directed Heat (1995)? | film_info field=director film=Heat film_year=1995
who directed 1917 | film_info field=director film=1917
who directed escape from new york | film_info field=director film="escape from new york"
who directed the french connection | film_info field=director film="the french connection"
who directed once upon a time in america | film_info field=director film="once upon a time in america"
who directed the film memento | film_info field=director film=memento
who directed Amélie | film_info field=director film=Amélie
hey filmbot, who directed memento please? | film_info field=director film=memento
can you tell me who directed memento | film_info field=director film=memento
who wrote memento | film_info field=writer film=memento
who wrote the screenplay of the godfather | film_info field=writer film="the godfather"
screenplay of casablanca | film_info field=writer film=casablanca
who was the screenwriter for taxi driver | film_info field=writer film="taxi driver"
writer of chinatown | film_info field=writer film=chinatown
who wrote Schindler's List | film_info field=writer film="Schindler's List"
who's in heat 1995 | film_info field=cast film=heat film_year=1995
who is in heat | film_info field=cast film=heat
cast of the godfather | film_info field=cast film="the godfather"
who stars in memento | film_info field=cast film=memento
who starred in the big sleep | film_info field=cast film="the big sleep"
who was in jaws | film_info field=cast film=jaws
actors in alien | film_info field=cast film=alien
the matrix cast | film_info field=cast film="the matrix"
who acted in the shining | film_info field=cast film="the shining"
who played in heat | film_info field=cast film=heat
who is the lead in gravity | film_info field=cast film=gravity
when did jaws come out | film_info field=year film=jaws
when was the godfather released | film_info field=year film="the godfather"
what year did alien come out | film_info field=year film=alien
what year is casablanca from | film_info field=year film=casablanca
release date of memento | film_info field=year film=memento
memento release date | film_info field=year film=memento
when did the shining come out? | film_info field=year film="the shining"
how long is the godfather part 2 | film_info field=runtime film="the godfather part 2"
how long is memento | film_info field=runtime film=memento
runtime of heat | film_info field=runtime film=heat
the godfather runtime | film_info field=runtime film="the godfather"
how many minutes is alien | film_info field=runtime film=alien
what's the running time of ben-hur | film_info field=runtime film=ben-hur
is alien rated R | film_info field=rating film=alien
is alien rated r? | film_info field=rating film=alien
what is alien rated | film_info field=rating film=alien
what's the age rating of the exorcist | film_info field=rating film="the exorcist"
is jaws suitable for kids | film_info field=rating film=jaws
can kids watch gremlins | film_info field=rating film=gremlins
is the lion king family friendly | film_info field=rating film="the lion king"
is heat pg-13 | film_info field=rating film=heat
rotten tomatoes score of gravity | film_info field=scores film=gravity
what's the metacritic score for memento | film_info field=scores film=memento
is memento any good | film_info field=scores film=memento
is the godfather worth watching | film_info field=scores film="the godfather"
how good is heat | film_info field=scores film=heat
alien rotten tomatoes | film_info field=scores film=alien
what genre is blade runner | film_info field=genres film="blade runner"
what kind of movie is memento | film_info field=genres film=memento
is alien a horror film | film_info field=genres film=alien
is the thing a sci-fi movie | film_info field=genres film="the thing"
genre of heat | film_info field=genres film=heat
what language is amelie in | film_info field=language film=amelie
is amelie in french | film_info field=language film=amelie
what country is amelie from | film_info field=country film=amelie
how many oscars did the godfather win | film_info field=oscars film="the godfather"
did memento win any oscars | film_info field=oscars film=memento
tell me about memento | lookup name=memento
tell me about david fincher | lookup name="david fincher"
what do you know about the godfather | lookup name="the godfather"
info on alien | lookup name=alien
films by david fincher | person_films person="david fincher"
movies by david fincher | person_films person="david fincher"
films directed by David Fincher between 1990 and 1999 | person_films role=director person="David Fincher" years=1990-1999
movies with al pacino from the 70s | person_films role=actor person="al pacino" years=1970-1979
movies with al pacino | person_films role=actor person="al pacino"
films starring meryl streep | person_films role=actor person="meryl streep"
what did tarantino write | person_films role=writer person=tarantino
what did tarantino direct | person_films role=director person=tarantino
what has tom hanks been in | person_films role=actor person="tom hanks"
what was al pacino in | person_films role=actor person="al pacino"
what films did kubrick direct | person_films role=director person=kubrick
which movies has nolan directed | person_films role=director person=nolan
films written by charlie kaufman | person_films role=writer person="charlie kaufman"
movies written by aaron sorkin in the 2000s | person_films role=writer person="aaron sorkin" years=2000-2009
tarantino films | person_films person=tarantino
fincher movies from the 90s | person_films person=fincher years=1990-1999
tarantino's films | person_films person=tarantino
Hitchcock's movies from the 50s | person_films person=Hitchcock years=1950-1959
horror films by john carpenter | person_films person="john carpenter" genres=Horror
comedies with bill murray | person_films role=actor person="bill murray" genres=Comedy
westerns directed by sergio leone | person_films role=director person="sergio leone" genres=Western
films with robert de niro before 1980 | person_films role=actor person="robert de niro" years=-1979
films with tom hanks after 2000 | person_films role=actor person="tom hanks" years=2001-
movies with jean reno in french | person_films role=actor person="jean reno" language=French
movies with the rock | person_films role=actor person="the rock"
filmography of stanley kubrick | person_films person="stanley kubrick"
stanley kubrick filmography | person_films person="stanley kubrick"
who is christopher nolan | person_films person="christopher nolan"
has tarantino directed any westerns | person_films role=director person=tarantino genres=Western
best known films with cary grant | person_films role=actor person="cary grant" order=best_known
newest films by ridley scott | person_films person="ridley scott" order=newest
films Jean-Pierre Jeunet directed | person_films role=director person="Jean-Pierre Jeunet"
list all films by kubrick | person_films person=kubrick
show me movies with tom hanks | person_films role=actor person="tom hanks"
80s horror films | discover genres=Horror years=1980-1989
any good 80s horror? | discover genres=Horror years=1980-1989
french comedies from the 2000s | discover genres=Comedy years=2000-2009 country=France language=French either
best known sci-fi of 1999 | discover genres=Sci-Fi years=1999-1999 order=best_known
sci fi films from the 1980s | discover genres=Sci-Fi years=1980-1989
scifi movies of the eighties | discover genres=Sci-Fi years=1980-1989
science fiction from the 70s | discover genres=Sci-Fi years=1970-1979
rom-coms from the 90s | discover genres=Comedy,Romance years=1990-1999
romcoms | discover genres=Comedy,Romance
horror movies from the 70s | discover genres=Horror years=1970-1979
horor moveis from the seventies | discover genres=Horror years=1970-1979
horror films between 1990 and 1995 | discover genres=Horror years=1990-1995
westerns of 1969 | discover genres=Western years=1969-1969
thrillers from 1990-1995 | discover genres=Thriller years=1990-1995
war films from the early 60s | discover genres=War years=1960-1963
late 90s action movies | discover genres=Action years=1997-1999
newest documentaries | discover genres=Documentary order=newest
highest rated war movies | discover genres=War order=rating
top rated animated films | discover genres=Animation order=rating
oldest musicals | discover genres=Musical order=oldest
japanese horror | discover genres=Horror country=Japan language=Japanese either
italian films from the 60s | discover years=1960-1969 country=Italy language=Italian either
films in french | discover language=French
horror films in spanish | discover genres=Horror language=Spanish
films from france | discover country=France
comedies made in the uk | discover genres=Comedy country="United Kingdom"
british crime films | discover genres=Crime country="United Kingdom"
american westerns from the 50s | discover genres=Western years=1950-1959 country="United States"
korean films from the 2000s | discover years=2000-2009 country="South Korea" language=Korean either
show me some 80s comedies | discover genres=Comedy years=1980-1989
list of documentaries from 2010 | discover genres=Documentary years=2010-2010
what are the best horror movies of the 80s | discover genres=Horror years=1980-1989 order=rating
recommend some crime dramas | discover genres=Crime,Drama
are there any good biopics | discover genres=Biography
films from the 80s and 90s | discover years=1980-1999
films before 1950 | discover years=-1949
top 10 horror films | discover genres=Horror order=rating
films from the year 2000 | discover years=2000-2000
what movies came out in 1999 | discover years=1999-1999
which horror films were released in 1980 | discover genres=Horror years=1980-1980
films like alien | similar film=alien
movies like memento | similar film=memento
films like alien from the 2000s | similar film=alien years=2000-2009
something like heat but a comedy | similar film=heat genres=Comedy
something like heat but funnier | similar film=heat genres=Comedy
similar to the godfather | similar film="the godfather"
films similar to blade runner | similar film="blade runner"
anything like the thing? | similar film="the thing"
more like memento | similar film=memento
recommend something like alien | similar film=alien
horror movies like the shining | similar film="the shining" genres=Horror
films like escape from new york | similar film="escape from new york"
films like escape from alcatraz from the 70s | similar film="escape from alcatraz" years=1970-1979
films like the french connection | similar film="the french connection"
movies like star wars | similar film="star wars"
films like heat 1995 | similar film=heat film_year=1995
films like heat but french | similar film=heat country=France language=French either
flims like alien | similar film=alien
what should i watch after memento | similar film=memento
is there a sequel to alien | similar film=alien
films like rocky 2 | similar film="rocky 2"
what should we watch tonight | pick
what should i watch | pick
pick a random western | pick genres=Western
pick a random film | pick
random horror movie | pick genres=Horror
random 80s comedy | pick genres=Comedy years=1980-1989
surprise me | pick
suggest a movie | pick
recommend a good horror film | pick genres=Horror
give me a random french film | pick country=France language=French either
what's a good comedy | pick genres=Comedy
movie night! | pick
something scary | pick genres=Horror
show me something funny | pick genres=Comedy
what do critics say about backtrace | reviews film=backtrace
reviews of memento | reviews film=memento
memento reviews | reviews film=memento
what did the critics think of the godfather | reviews film="the godfather"
show me reviews for alien | reviews film=alien
critical reception of heat | reviews film=heat
what is inception about | unsupported topic=plot film=inception
what's the plot of memento | unsupported topic=plot film=memento
how does memento end | unsupported topic=plot film=memento
how much did avatar make | unsupported topic=box_office film=avatar
box office of titanic | unsupported topic=box_office film=titanic
where can i watch memento | unsupported topic=streaming film=memento
is memento on netflix | unsupported topic=streaming film=memento
is heat streaming anywhere | unsupported topic=streaming film=heat
where can i stream alien | unsupported topic=streaming film=alien
when is dune playing | unsupported topic=showtimes film=dune
trailer for alien | unsupported topic=trailer film=alien
who composed the score for jaws | unsupported topic=music film=jaws
jaws soundtrack | unsupported topic=music film=jaws
who played vito corleone in the godfather | unsupported topic=characters film="the godfather"
how old is al pacino | unsupported topic=personal person="al pacino"
is al pacino married | unsupported topic=personal person="al pacino"
where was the shining filmed | unsupported topic=locations film="the shining"
quotes from casablanca | unsupported topic=quotes film=casablanca
good tv shows from the 90s | unsupported topic=tv
any spoilers for memento? | unsupported topic=plot film=memento
is there a film about sharks | unsupported topic=subject
films about time travel from the 90s | unsupported topic=subject
what was that movie where a guy forgets everything | unsupported topic=subject
is there a film where the dog dies | unsupported topic=subject
films about heists | discover genres=Crime
are there any 80s films about war | discover genres=War years=1980-1989
is there a movie with tom hanks | person_films role=actor person="tom hanks"
whats a good movie for date night | pick
what is the best film of all time | discover order=rating
what are the best horror films ever made | discover genres=Horror order=rating
who wrote and directed chinatown | film_info field=director film=chinatown
how many horror films did john carpenter direct | person_films role=director person="john carpenter" genres=Horror
hello | unknown
hi there | unknown
thanks | unknown
what time is it | unknown
tell me a joke | unknown
who directed | unknown
films | unknown
!!! | unknown
how do i add a film | unknown
"""


def rows() -> list[tuple[str, str]]:
    table = []
    for line in TABLE.strip().splitlines():
        question, _, spec = line.rpartition(" | ")
        table.append((question, spec))
    return table


def test_the_table_has_at_least_150_questions() -> None:
    assert len(rows()) >= 150
    questions = [q for q, _ in rows()]
    assert len(set(questions)) == len(questions)


@pytest.mark.parametrize(("question", "spec"), rows())
def test_question_means(question: str, spec: str) -> None:
    got = parse(question)
    expected = from_spec(spec)
    assert to_spec(got) == to_spec(expected)  # readable diff first
    if expected.intent == "unknown":
        assert got.intent == "unknown"
        assert len(got.examples) == 3
    else:
        assert got == expected
