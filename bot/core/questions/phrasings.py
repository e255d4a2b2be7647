"""The phrasings filmbot understands: one line each, grouped under the intent they mean.

Syntax: plain words are literal (typos in them are forgiven); (a|b c) is one of; [a|b] is
optional; $name is a word class below; {film}, {person}, {name} capture what was typed; {any}
captures words that are ignored; {f} is a run of filter words ("best known french 80s comedies"),
possibly empty; {f+} must narrow something. When several lines match, the one that explains most
words wins, then the earlier one. Section headers are `[intent qualifier]`.
"""

from __future__ import annotations

CLASSES = {
    "films": "(films|movies|flicks|pictures|film|movie|flick|picture)",
    "film": "(film|movie|flick|picture)",
    "show": "(show me|show us|show|list|give me|give us|find me|find|get me|display|i want|"
    "i would like|looking for|i am looking for|search for|look for|what about|how about)",
    "service": "(netflix|hulu|prime|prime video|amazon|amazon prime|disney|disney plus|hbo|hbo max|"
    "max|apple tv|peacock|paramount plus|crunchyroll|mubi|youtube|tubi|plex|criterion channel)",
    "rating": "(g|pg|pg 13|r|nc 17|x|m|gp|m pg|18|15|12|12a|u)",
    "kids": "(kids|children|a child|a kid|my kids|my children|teens|teenagers|family)",
}

# Politeness around a question, dropped before matching ("hey filmbot, ... please?").
COURTESY_PREFIXES = """hey | hi | yo | ok | okay | so | um | uh | erm | please | pls | plz | filmbot |
bot | quick question | question | can you tell me | could you tell me | do you know | does anyone know |
anyone know | i wonder | i was wondering | i am wondering | i would like to know | i want to know"""
COURTESY_SUFFIXES = "please | pls | plz | thanks | thank you | thx | ty | lol | then | again | anyone"

PHRASINGS = """
[unsupported plot]
what (is|was|are) {film} about
what (is|was) the (plot|story|storyline|premise|synopsis) (of|for|in) {film}
[the] (plot|story|storyline|synopsis|summary|premise) (of|for) {film}
{film} (plot|synopsis|summary|storyline|story)
(summarise|summarize|explain) [the (plot|ending|story) of] {film}
what happens (in|at the end of) {film}
how does {film} end
[the] ending of {film}
[any] (spoilers|spoiler) (for|of|about) {film}
is {film} (based on a true story|a true story|based on a book)

[unsupported box_office]
how much [money] (did|does) {film} (make|gross|earn|cost|take)
[what is|what was] [the] (box office|gross|budget|revenue|takings|earnings) (of|for) {film}
{film} (box office|budget|gross|earnings)
how (much|well) did {film} do at the box office
was {film} a (flop|hit|box office hit|box office flop|success)

[unsupported streaming]
where (can|could|do|should|to) (i|we|you) (watch|stream|see|rent|buy|find|get) {film} [online]
where to (watch|stream) {film}
is {film} (on|streaming on|available on|on streaming|available to stream on) $service
is {film} (streaming|available to stream|on streaming|online|on any streaming service) [anywhere|online]
where is {film} streaming
can (i|we|you) (stream|watch) {film} (online|for free|anywhere|on $service)

[unsupported showtimes]
when is {film} (playing|showing|on) [near me|in cinemas|in theaters|in theatres]
where is {film} (playing|showing) [near me]
(showtimes|tickets|screenings) (for|of) {film} [near me]
is {film} [still] (in|at the) (cinemas|theaters|theatres|cinema|movies)

[unsupported trailer]
[show me|play] [the] trailer (for|of|to) {film}
{film} trailer
is there a trailer (for|of) {film}

[unsupported music]
who (composed|did|wrote|made) the (music|score|soundtrack|theme|songs|theme song) (for|of|in|to) {film}
[the] (music|score|soundtrack|songs) (of|for|in|from) {film}
{film} (soundtrack|score|ost|theme song|music)
what (song|songs|music) (is|are|plays|play|was|were) (in|played in) {film}

[unsupported characters]
who (played|plays|voiced|voices|portrayed|portrays) {any} in {film}
what character (did|does) {person} play in {film}
who (is|was) the (villain|hero|main character|protagonist|antagonist|bad guy) (in|of) {film}

[unsupported personal]
when was {person} born
when did {person} die
(is|was) {person} (still alive|alive|dead|married|single)
who (is|was) {person} married to
where (is|was) {person} born
how (old|tall|rich) is {person}
{person} 's (age|birthday|wife|husband|net worth|height|spouse|kids|children|real name)
[the] (age|birthday|net worth|height|wife|husband|spouse) of {person}
what is {person} 's (age|birthday|net worth|height|real name)
who is {person} dating

[unsupported locations]
where was {film} (filmed|shot)
(filming|shooting) locations (of|for) {film}
where is {film} set

[unsupported quotes]
[famous|best] (quotes|lines|quote) (from|of|in) {film}
what is the [most] (famous|best|iconic) (quote|line) (from|in|of) {film}

[unsupported tv]
{f} (tv|television) (shows|series|show|programmes|programs) {f}
(tv|television) (shows|series) (like|with|by|about) {any}
(episodes|seasons) of {any}

[unsupported subject]
[$show] {f} $films (about|where|in which|involving) {any} {f}
(is|are) there (a|an|any) {f} $films (about|where|in which|involving) {any} {f}
(do you know|do you have|got|know) (a|an|any) {f} $films (about|where|in which|involving) {any}
what (is|was) (the|that|a) $film (where|in which|about|with the) {any}

[film_info director]
who directed {film}
who (is|was) the director (of|for|on) {film}
who (is|was) {film} directed by
[who is|who was|who are|who were] [the] (director|directors|filmmaker) (of|for|on) {film}
{film} (director|directors|directed by)
who (made|helmed) {film}
who (wrote and directed|directed and wrote) {film}
{film} (was|is) directed by (who|whom)

[film_info writer]
who wrote {film}
who (is|was) the (writer|screenwriter|scriptwriter|author) (of|for) {film}
who (wrote|penned|scripted) the (script|screenplay|story) (of|for|to) {film}
[who is|who was|who are|who were] [the] (writer|writers|screenwriter|screenwriters|screenplay|script|scriptwriter) (of|for|on) {film}
{film} (writer|writers|screenwriter|screenplay)
who (is|was) {film} written by
{film} (was|is) written by (who|whom)

[film_info cast]
who (is|was|are|were) in {film}
who (stars|starred|acts|acted|plays|played|appears|appeared) in {film}
who (is|was) starring in {film}
[who is|what is|who are|what are|who was|who were] [the] (cast|actors|stars|leads|lead actors|cast list|cast members|main cast) (of|for|in) {film}
{film} (cast|actors|stars|cast list)
who (is|was) the (lead|star|main actor|lead actor|main actress|lead actress) (of|in) {film}
which actors (are|were|star|starred) in {film}

[film_info year]
when (did|was) {film} (come out|released|out|made|premiered|release)
when did {film} (come out|release|premiere|hit theaters|hit cinemas)
what year (did|was|is) {film} (come out|released|made|from|out)
what year (is|was) {film}
(when|what year) (was|is) {film} from
is {film} from {f+}
[what is|what was] [the] (release date|release year|year) (of|for) {film}
{film} (release date|release year|year)

[film_info runtime]
how long is {film}
how long (does|did) {film} (run|last|go on|take)
[what is|what was] [the] (runtime|run time|running time|length|duration) (of|for) {film}
{film} (runtime|run time|running time|length|duration)
how many (minutes|hours) [long] is {film}
is {film} (long|too long|short)

[film_info rating]
what (is|was) {film} rated
is {film} rated [$rating]
[what is|what was] [the] (age rating|mpaa rating|mpaa|certificate|certification|rating|age limit|parental rating) (of|for|on) {film}
{film} (age rating|mpaa rating|mpaa|certificate|rating|rated)
is {film} [ok|okay|suitable|appropriate|safe|good|fine|alright] for $kids
is {film} (family friendly|kid friendly|child friendly)
can $kids watch {film}
what age (is|was) {film} for
is {film} $rating [rated]

[film_info scores]
[what is|what was|what are] [the] (rotten tomatoes|tomatometer|metacritic|critic|critics|imdb) (score|scores|rating|ratings) (of|for|on) {film}
{film} (rotten tomatoes|metacritic|tomatometer|score|scores|critic score|critics score|ratings|imdb rating)
(rotten tomatoes|metacritic|tomatometer) [score] (of|for) {film}
(what score did|how did) {film} (get|score|rate)
is {film} (any good|good|worth watching|worth it|worth seeing|well reviewed|well rated|highly rated|rated well)
is {film} a (good|great|decent|bad) $film
how good is {film}
how (is|was) {film} rated by critics
how well (rated|reviewed) is {film}
what (is|was) {film} 's (score|rating|rotten tomatoes score|metacritic score)

[film_info genres]
what (genre|genres|kind of film|kind of movie|type of film|type of movie|sort of film|sort of movie) (is|was) {film}
[the] (genre|genres) (of|for) {film}
{film} (genre|genres)
is {film} (a|an) {f+}

[film_info country]
(what|which) country (is|was) {film} from
(what|which) country (is|was) {film} (made|filmed|produced) in
where (is|was) {film} (from|made)
[the] (country|countries|nationality) (of|for) {film}
{film} country [of origin]

[film_info language]
(what|which) language (is|was) {film} (in|spoken in|filmed in|made in)
what language (is|was) spoken in {film}
[the] (language|languages) (of|for|in) {film}
{film} language
is {film} in {f+}
is {film} (subtitled|dubbed)

[film_info oscars]
how many (oscars|academy awards|awards) did {film} (win|get|receive)
did {film} win (an oscar|any oscars|oscars|an academy award|the oscar|best picture|any awards)
(oscars|awards|academy awards) (of|for|won by) {film}
{film} (oscars|awards|academy awards)
what (oscars|awards) did {film} win
was {film} nominated for (an oscar|oscars|best picture|any oscars)

[reviews]
[$show] [the] (reviews|review|critiques|critic reviews|critics reviews|write ups) (of|for|on|about) {film}
{film} (reviews|review|critiques|critic reviews)
what (do|did|does) [the] (critics|reviewers|critic|reviews|people|press) (say|said|think|thought|write|wrote) (about|of|on|regarding) {film}
what (are|were) [the] (critics|reviewers|people|folks) saying about {film}
how (was|is) {film} (reviewed|received) [by critics]
[the] (critical reception|reception|critical consensus|consensus) (of|for|on) {film}
(any|read|see) [the] reviews (of|for|on) {film}

[similar]
{f} [something|anything|stuff|more|others] (like|similar to|in the vein of|in the style of|along the lines of|resembling) {film} {f}
similar ($films|ones|stuff) to {film} {f}
(recommend|suggest) [me|us] [something|anything|some $films|a $film|$films] (like|similar to) {film} {f}
what [else] should (i|we) watch (after|if i liked|if we liked|if i loved|if i enjoyed|since i liked) {film} {f}
what (else|other $films) (is|are) (like|similar to) {film} {f}
(i|we) (liked|loved|enjoyed) {film} what (else|next) [should (i|we) watch|do you recommend|to watch]
if (i|we|you) (like|liked|love|loved|enjoy|enjoyed) {film} [then] (what|which) [else|other $films|$films] (should|would|could|might|will|can) (i|we|you) (watch|like|enjoy|see|try)
{film} (alternatives|similar films|similar movies|lookalikes)
[is there a|are there any|any] (sequel|sequels|prequel|prequels|follow up|follow ups|remake|remakes) (to|of|for) {film} {f}

[person_films director]
[$show] {f} [$films] directed by {person} {f}
[$show] (what|which) [$films] (did|has|have|had) {person} [ever] (direct|directed|make|made) {f}
(has|did) {person} (directed|direct|made|make) any {f}
how many {f} $films (has|did|have) {person} (made|make|directed|direct) {f}
[the] $films {person} (directed|made|has directed|has made) {f}
[the] (directing|directorial) (credits|filmography|work) of {person}
{person} 's (directing|directorial) (credits|filmography|work)

[person_films writer]
[$show] {f} [$films] written by {person} {f}
[$show] (what|which) [$films] (did|has|have|had) {person} [ever] (write|written|wrote|script|scripted) {f}
(has|did) {person} (written|write) any {f}
[the] $films {person} (wrote|has written|scripted) {f}
[the] (writing|screenwriting) (credits|filmography) of {person}

[person_films actor]
[$show] {f} (with|starring|featuring) {person} {f}
(is|are) there (a|an|any) {f} $films (with|starring|featuring) {person} {f}
{f} $films {person} (is|was|has been|starred|acted|appeared|appears|stars|acts|plays|played) in {f}
[$show] (what|which) [$films] (is|was|has|have|had) {person} [been|starred|acted|appeared] in {f}
[$show] (what|which) [$films] (did|does|has) {person} (star|starred|act|acted|appear|appeared|play|played) in {f}
has {person} (been|acted|starred|appeared) in any {f}
{person} 's (acting credits|roles|acting roles)
[the] (acting credits|roles) of {person}

[person_films]
[$show] {f} [$films] by {person} {f}
[$show] {person} ['s] {f} $films {f}
{person} ['s] {f+}
[$show] [the] (filmography|films|movies|work|career|credits) of {person} {f}
[$show] {person} ['s] (filmography|career|credits|work)
who (is|was) {person}

[pick]
what should (i|we) watch {f}
what (film|movie) should (i|we) watch {f}
what (to|can i|can we|could i|could we|do i|do we|shall we|shall i) watch {f}
(pick|choose|suggest|recommend|give me|find me|get me|roll|pick me|pick us) (a|an|one|something|anything) [random] {f}
[a] random {f}
surprise (me|us) {f}
($film) night {f}
help (me|us) (pick|choose|decide) [a $film|something|what to watch] {f}
(i|we) (want|need) (a|an|something|one) {f}
(i|we) (want|need) to watch (a|an|something|one) {f}
(i am|we are) in the mood for (a|an|something) {f}
what is a good {f}
what is a good $film (for|to watch on|to watch with) {any}
(any|got any) (suggestions|recommendations|recs|ideas) {f}
[$show] something {f+}

[discover]
[$show] {f+}
[$show] {f} $films about {f+}
(is|are) there (a|an|any) {f} $films about {f+}
(recommend|suggest) [me|us] {f+}
what are {f+}
(are there|is there) {f+}
what (is|are) the {f+} $films (of all time|ever|ever made) {f}
(what|which) {f} (came out|were released|were made|got released|released|premiered) {f+}
(which|what) {f+} (are there|exist|do you have|do you know|should i watch|should we watch|to watch)

[lookup]
tell me (about|something about|more about) {name}
what do you know about {name}
(info|information|details|facts) (on|about|for|of) {name}
(look up|lookup|search for|search|find) {name}
what is {name}
"""
