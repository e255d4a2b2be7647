import pytest

from bot.core.errors import DataFileError
from bot.formats.yamlfile import MAX_BYTES, decode, parse


def problem(text: str) -> str:
    with pytest.raises(DataFileError) as caught:
        parse(text, "f.yaml")
    return str(caught.value.problems[0])


def test_scalars_stay_strings_with_lines() -> None:
    root = parse("films:\n  - title: NO\n    year: 1917\n    other: ~\n", "f.yaml")
    film = root.value["films"].value[0].value
    assert film["title"].value == "NO"
    assert film["year"].value == "1917"
    assert film["year"].line == 3
    assert film["other"].value is None


def test_duplicate_key_names_line() -> None:
    assert problem("films:\n  - title: A\n    title: B\n") == "f.yaml:3: duplicate key 'title'"


def test_custom_tag_refused() -> None:
    assert "unsupported tag" in problem("x: !!python/object/apply:os.system ['echo hi']\n")


def test_alias_bomb_refused() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    assert "anchors and aliases" in problem(bomb)


def test_deep_nesting_refused_before_parsing() -> None:
    assert "nested more than" in problem("x: " + "[" * 30_000 + "]" * 30_000)


def test_several_documents_refused() -> None:
    assert problem("a: 1\n---\nb: 2\n") == "f.yaml:2: several YAML documents: keep one per file"


def test_syntax_error_has_line() -> None:
    assert problem("films:\n  - title: [unclosed\n").startswith("f.yaml:")


def test_non_utf8_and_size() -> None:
    with pytest.raises(DataFileError, match="not valid UTF-8"):
        decode(b"title: \xff\xfe\n", "f.yaml")
    with pytest.raises(DataFileError, match="limit"):
        decode(b"x" * (MAX_BYTES + 1), "f.yaml")


def test_empty_document_is_empty_mapping() -> None:
    assert parse("", "f.yaml").value == {}
