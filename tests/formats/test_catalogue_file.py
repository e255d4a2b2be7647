from pathlib import Path

import pytest

from bot.core.errors import DataFileError
from bot.formats.catalogue_file import load_folder, read_text

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_file_loads() -> None:
    data = load_folder(ROOT / "data")
    keys = {entry.film.key for entry in data.films}
    assert "backtrace-2021" in keys
    assert len(data.films) == 7
    assert {link.like for link in data.similar if link.film == "backtrace-2021"} == {
        "escape-plan-2013",
        "dragged-across-concrete-2019",
        "american-heist-2014",
        "out-of-death-2021",
        "211-2018",
        "memento-2000",
    }
    assert all(review.source and review.quote for review in data.reviews)
    title_211 = next(e.film for e in data.films if e.film.key == "211-2018")
    assert title_211.title == "211"


def problems(text: str) -> list[str]:
    _, found = read_text(text, "data/x.yaml")
    return [str(p) for p in found]


def test_wrong_types_and_unknown_fields_name_their_lines() -> None:
    found = problems("films:\n  - id: a-1\n    title: A\n    year: soon\n    titel: B\n")
    assert "data/x.yaml:4: films[0].year: expected a whole number, got 'soon'" in found
    assert any(p.startswith("data/x.yaml:5: films[0]: unknown field 'titel'") for p in found)


def test_missing_required_field() -> None:
    found = problems("reviews:\n  - film: a-1\n    quote: Good\n")
    assert found == ["data/x.yaml:2: reviews[0]: missing required field 'source'"]


def test_title_like_no_and_1917_stay_titles() -> None:
    data, found = read_text("films:\n  - id: no-1962\n    title: NO\n  - id: x-2019\n    title: 1917\n", "x")
    assert found == []
    assert [e.film.title for e in data.films] == ["NO", "1917"]


def test_bad_file_in_folder_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "films.yaml").write_text("films:\n  - id: a-1\n    title: A\n    title: B\n")
    with pytest.raises(DataFileError) as caught:
        load_folder(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'films.yaml'}:4: duplicate key 'title'"


def test_unknown_reference_and_duplicate_id(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("films:\n  - id: a-1\n    title: A\n  - id: a-1\n    title: B\n")
    (tmp_path / "b.yaml").write_text("similar:\n  - film: a-1\n    like: ghost-1\n    reason: r\n")
    with pytest.raises(DataFileError) as caught:
        load_folder(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    assert f"{tmp_path / 'a.yaml'}:4: duplicate film id 'a-1'" in messages
    assert f"{tmp_path / 'b.yaml'}:2: similar link to unknown film id 'ghost-1'" in messages


def test_directors_writers_and_cast_become_credits() -> None:
    text = (
        "films:\n  - id: matrix-1999\n    title: The Matrix\n"
        "    director: [Lana Wachowski, Lilly Wachowski]\n    writers: [Lana Wachowski]\n"
        "    cast:\n      - name: Keanu Reeves\n        role: Neo\n      - Carrie-Anne Moss\n"
        "  - id: heat-1995\n    title: Heat\n    director: Michael Mann\n"
    )
    data, found = read_text(text, "x")
    assert found == []
    matrix, heat = (entry.film for entry in data.films)
    assert [(c.name, c.role, c.order, c.character) for c in matrix.credits] == [
        ("Lana Wachowski", "director", 0, None),
        ("Lilly Wachowski", "director", 1, None),
        ("Lana Wachowski", "writer", 0, None),
        ("Keanu Reeves", "cast", 0, "Neo"),
        ("Carrie-Anne Moss", "cast", 1, None),
    ]
    assert heat.director == "Michael Mann"
