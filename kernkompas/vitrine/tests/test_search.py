"""The Vitrine search: the index follows publishing, queries match Dutch word forms, results are ranked and
highlighted. The recall over a larger set of queries is in test_search_evaluation.py."""

import pytest
from django.core.management import call_command
from django.utils.safestring import SafeString
from wagtail.models import PageViewRestriction

from kernkompas.vitrine.actions.editorial import ensure_vitrine_index
from kernkompas.vitrine.models import CasePage, SearchTerm, Synonym
from kernkompas.vitrine.search import highlight, rebuild_index, search_case_ids, similar_by_text
from kernkompas.vitrine.tests.search_evaluation import publish_case, save_draft

pytestmark = pytest.mark.django_db


def case(slug, title, summary="Een voorbeeld.", concept="<p>Het concept.</p>", **fields):
    fields = {"themes": ["beleid-visie"], "place_name": "Maasdijk", "approach": "<p>De aanpak.</p>", **fields}
    return publish_case(ensure_vitrine_index(), slug, title=title, summary=summary, concept=concept, **fields)


def ids(query):
    return [page_id for page_id, _score in search_case_ids(query)]


def test_publishing_a_case_puts_its_words_in_the_index():
    page = case("leegstand", "Leegstand in de Markt")
    assert set(SearchTerm.objects.filter(page=page).values_list("term", flat=True)) >= {"legstand", "markt"}
    assert ids("leegstand") == [page.pk]


def test_republishing_a_case_replaces_the_words_it_no_longer_has():
    page = case("plan", "Een parkeerplan")
    page.title = "Een fietsplan"
    page.save_revision().publish()
    assert ids("fietsplan") == [page.pk]
    assert ids("parkeerplan") == []


def test_an_unpublished_case_is_no_longer_found():
    page = case("leegstand", "Leegstand in de Markt")
    page.unpublish()
    assert ids("leegstand") == []
    assert not SearchTerm.objects.filter(page_id=page.pk).exists()


def test_a_deleted_case_leaves_nothing_in_the_index():
    page = case("leegstand", "Leegstand in de Markt")
    page_id = page.pk
    page.delete()
    assert not SearchTerm.objects.filter(page_id=page_id).exists()


def test_a_draft_is_never_found():
    save_draft(
        ensure_vitrine_index(),
        "draft",
        title="Leegstand",
        summary="Klad",
        place_name="X",
        themes=[],
        concept="<p>Leegstand</p>",
        approach="<p>-</p>",
    )
    assert ids("leegstand") == []


def test_a_case_behind_a_password_is_not_found():
    page = case("leegstand", "Leegstand in de Markt")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    assert ids("leegstand") == []


def test_an_empty_query_or_only_stopwords_finds_nothing():
    case("leegstand", "Leegstand in de Markt")
    assert search_case_ids("") == []
    assert search_case_ids("   ") == []
    assert search_case_ids("de en van het") == []


def test_every_query_word_must_match_when_some_case_matches_them_all():
    both = case("both", "Parkeren en leegstand")
    case("one", "Parkeren aan de rand")
    assert ids("parkeren leegstand") == [both.pk]


def test_when_no_case_has_every_word_the_cases_with_most_words_come_first():
    two = case("two", "Parkeren bij de markt", summary="Een plan.")
    one = case("one", "Een markt", summary="Een voorbeeld.")
    assert ids("parkeren markt fietsenstalling") == [two.pk, one.pk]


def test_a_word_in_the_title_ranks_higher_than_the_same_word_in_the_text():
    in_text = case("text", "Een plan voor het centrum", concept="<p>Ook de leegstand kwam aan bod.</p>")
    in_title = case("title", "Leegstand aanpakken")
    assert ids("leegstand") == [in_title.pk, in_text.pk]


def test_a_typo_a_word_form_and_a_compound_find_the_same_case():
    page = case("leegstand", "Winkelleegstand in de Stationsstraat")
    for query in ("leegstand", "leegstnad", "winkelleegstand", "leegstaande winkels"):
        assert ids(query) == [page.pk], query


def test_a_synonym_an_editor_adds_works_at_once_in_both_directions():
    page = case("kermis", "Een kermis op het plein")
    assert ids("foor") == []
    Synonym.objects.create(term="foor", alternatives="kermis\nlunapark")
    assert ids("foor") == [page.pk]
    other = case("foor", "De foor komt naar de stad")
    assert set(ids("kermis")) == {page.pk, other.pk}


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(django_assert_max_num_queries):
    for number in range(12):
        case(f"case-{number}", f"Leegstand aanpak {number}", summary="Winkelleegstand en parkeren.")
    search_case_ids("leegstand")  # fills the vocabulary cache, as the first search after a publish does
    with django_assert_max_num_queries(3):
        assert len(search_case_ids("leegstand parkeren")) == 12


def test_rebuilding_the_index_indexes_every_live_case_and_splits_compounds_against_all_words():
    early = case("early", "Een kernwinkelgebied")  # published before any case had the word "winkel"
    case("later", "Een winkel in het gebied")
    save_draft(
        ensure_vitrine_index(),
        "draft",
        title="Leegstand",
        summary="Klad",
        place_name="X",
        themes=[],
        concept="<p>Leegstand</p>",
        approach="<p>-</p>",
    )
    assert rebuild_index() == 2
    assert {"kern", "winkel", "gebied"} <= set(SearchTerm.objects.filter(page=early).values_list("term", flat=True))
    assert early.pk in ids("winkel")


def test_the_rebuild_command_says_how_many_cases_it_indexed(capsys):
    case("one", "Leegstand")
    call_command("rebuild_vitrine_index")
    assert "1" in capsys.readouterr().out


def test_highlight_marks_the_matching_word_forms_and_escapes_the_rest():
    passage = highlight("<p>Twee <b>leegstaande</b> panden & een winkel.</p>", "leegstand pand")
    assert isinstance(passage, SafeString)
    assert passage == "Twee <mark>leegstaande</mark> <mark>panden</mark> &amp; een winkel."


def test_highlight_shows_the_passage_with_the_most_matches():
    filler = "Het centrum kreeg nieuwe banken en verlichting. " * 12
    text = filler + "Daarna kwam de aanpak van leegstand: elk leeg pand kreeg een pop-up winkel. " + filler
    passage = highlight(text, "leegstand pand", max_chars=120)
    assert "<mark>leegstand</mark>" in passage
    assert "<mark>pand</mark>" in passage
    assert passage.startswith("…") and passage.endswith("…")
    assert len(passage.replace("<mark>", "").replace("</mark>", "")) <= 122


def test_paragraphs_and_line_breaks_separate_words_inline_markup_does_not():
    passage = highlight(
        "<p>Elk pand telt mee bij de leegstand.</p><p>Passanten<br/>tellen</p><p>leeg<b>stand</b></p>", "leegstand"
    )
    assert passage == ("Elk pand telt mee bij de <mark>leegstand</mark>. Passanten tellen <mark>leegstand</mark>")


def test_highlight_without_a_match_shows_the_beginning():
    assert highlight("Een plan voor het <i>centrum</i>.", "parkeren") == "Een plan voor het centrum."


def test_similar_cases_share_the_most_telling_words_and_exclude_the_case_itself():
    page = case("a", "Leegstand in de Stationsstraat", summary="Een register van leegstaande panden.")
    alike = case("b", "Register van leegstand", summary="Panden die leeg staan.")
    case("c", "Parkeren aan de rand", summary="Een parkeerroute.")
    found = [page_id for page_id, _score in similar_by_text(page)]
    assert found[0] == alike.pk
    assert page.pk not in found
    assert CasePage.objects.get(pk=alike.pk).live
