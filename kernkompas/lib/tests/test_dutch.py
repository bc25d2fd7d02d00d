import pytest

from kernkompas.lib.dutch import (
    Vocabulary,
    analyse,
    compound_tails,
    edit_distance,
    iter_words,
    split_compound,
    stem,
    typo_limit,
)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("leegstaande", "leegstand"),
        ("panden", "pand"),
        ("winkels", "winkel"),
        ("terrassen", "terras"),
        ("fietsstraten", "fietsstraat"),
        ("plaatsen", "plaats"),
        ("afbakening", "afbakenen"),
        ("eigenaars", "eigenaar"),
        ("groene", "groen"),
        ("restaurants", "restaurant"),
        ("evenementen", "evenement"),
    ],
)
def test_word_forms_share_one_stem(one, other):
    assert stem(one) == stem(other)


def test_analysis_folds_accents_and_capitals_so_cafe_is_cafe():
    assert analyse("Café") == analyse("cafe") == analyse("cafés") == analyse("café's")


def test_analysis_leaves_out_stopwords_and_single_letters():
    assert analyse("de leegstand van een pand in 't centrum") == [stem("leegstand"), "pand", stem("centrum")]


def test_a_hyphenated_word_is_one_word_as_if_written_together():
    assert analyse("pop-up") == analyse("popup") == ["popup"]


def test_numbers_are_kept_as_they_are():
    assert analyse("in 2024, 35 m2") == ["2024", "35", "m2"]


def test_iter_words_gives_the_position_of_every_word_with_its_stem():
    words = list(iter_words("Lege panden"))
    assert words == [(0, 4, stem("lege")), (5, 11, "pand")]


def test_a_compound_splits_into_known_words_with_a_linking_s():
    vocabulary = set(analyse("leegstand beheer winkel"))
    assert split_compound("leegstandsbeheer", vocabulary) == [stem("leegstand"), stem("beheer")]


def test_a_compound_of_three_words_splits_into_three_and_keeps_its_heads():
    vocabulary = set(analyse("kern winkel gebied"))
    parts = split_compound("kernwinkelgebied", vocabulary)
    assert parts == ["kern", "winkel", "gebied"]
    assert compound_tails("kernwinkelgebied", parts) == ["winkelgebied", "gebied"]


def test_a_compound_with_a_linking_en_splits_on_it():
    vocabulary = set(analyse("passant telling"))
    assert split_compound("passantentellingen", vocabulary) == ["passant", "telling"]


def test_a_word_with_unknown_parts_is_not_split():
    assert split_compound("binnenstad", set(analyse("winkel pand"))) == []
    assert split_compound("pand", {"pand"}) == []


def test_edit_distance_counts_a_swap_of_two_letters_as_one():
    assert edit_distance("leegstnad", "leegstand", 2) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("centrum", "winkel", 2) == 3  # stops counting past the limit


def test_short_words_get_no_typo_allowance_and_long_words_two():
    assert [typo_limit(word) for word in ("pand", "bom", "leegstand")] == [1, 0, 2]


def test_the_vocabulary_finds_compounds_that_start_or_end_with_a_word_and_near_misses():
    vocabulary = Vocabulary(["legstand", "winkellegstand", "legstandsbeher", "pand", "parker"])
    assert vocabulary.starting_with("legstand") == ["legstandsbeher"]
    assert vocabulary.ending_with("legstand") == ["winkellegstand"]
    assert vocabulary.near("legstnad") == [("legstand", 1)]
    assert vocabulary.near("pand") == []


def test_a_compound_may_start_with_a_word_the_index_has_not_seen_if_the_rest_is_known():
    assert split_compound("kernwinkelgebied", set(analyse("winkel gebied"))) == ["kern", "winkel", "gebied"]
    assert split_compound("vastgoedeigenaars", set(analyse("eigenaar"))) == ["vastgoed", stem("eigenaar")]


def test_a_typo_near_the_end_of_a_compound_is_found_when_no_word_is_near():
    vocabulary = Vocabulary(["winkellegstand", "pand"])
    assert vocabulary.near("legstnad") == []
    assert vocabulary.near_ending("legstnad") == ["winkellegstand"]
