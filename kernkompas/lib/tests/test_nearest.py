"""The nearest known name for a name a municipality's file uses (lib/nearest.py)."""

from kernkompas.lib.nearest import fold_name, nearest

KNOWN = {
    "b:slager": "Slager",
    "b:bakker": "Bakker",
    "b:apotheek": "Apotheek",
    "b:fastservice": "Fastservice en afhaal",
    "b:kapper": "Kapper en schoonheid",
    "b:cafe": "Café",
    "b:boeken": "Boeken en tijdschriften",
    "g:leegstand": "Leegstand",
}
SYNONYMS = {"beenhouwerij": "b:slager", "frituur": "b:fastservice", "leeg": "g:leegstand", "nachtwinkel": "b:x"}


def test_it_folds_case_accents_punctuation_and_small_words():
    assert fold_name("  Café & Bar ") == "cafe bar"
    assert fold_name("Groente- en fruit") == "groente fruit"
    assert fold_name(None) == ""


def test_the_same_name_in_other_letters_is_found_first():
    proposal = nearest("CAFE", KNOWN)
    assert (proposal.key, proposal.how) == ("b:cafe", "same")


def test_a_flemish_word_is_found_through_the_synonyms():
    assert nearest("Beenhouwerij", KNOWN, synonyms=SYNONYMS).key == "b:slager"
    assert nearest("Frituur 't Hoekske", KNOWN, synonyms=SYNONYMS).key == "b:fastservice"


def test_a_synonym_for_a_name_that_is_not_known_is_ignored():
    """A synonym pointing at a branch this municipality does not have must not be proposed."""
    proposal = nearest("Nachtwinkel", KNOWN, synonyms=SYNONYMS)
    assert proposal is None or proposal.key != "b:x"


def test_words_in_common_lead_to_a_group():
    assert nearest("Handelspand leeg", KNOWN, synonyms=SYNONYMS).key == "g:leegstand"
    assert nearest("Kapper", KNOWN).key == "b:kapper"


def test_a_misspelling_is_found_by_its_spelling():
    proposal = nearest("Apoteek", KNOWN)
    assert (proposal.key, proposal.how) == ("b:apotheek", "spelling")
    assert nearest("Bakkerij", KNOWN).key == "b:bakker"


def test_nothing_close_gives_no_proposal():
    assert nearest("Wassalon", {"b:fietsen": "Fietsen"}) is None
    assert nearest("", KNOWN) is None


def test_a_preferred_key_wins_a_tie():
    known = {"b:a": "Zorg", "b:b": "Zorg"}
    assert nearest("Zorgg", known, prefer=["b:b"]).key == "b:b"
