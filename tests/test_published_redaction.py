"""What educators read: accepted spans replaced by labels or, if configured, by per-story pseudonyms
(the same person under the same one, the same on every publication, never a word of the original),
and no trace of a redacted word in the published text or the search index."""

from __future__ import annotations

import re

import pytest

from archive import create_app
from archive.extensions import db
from archive.models import Story
from ingest.name_pools import POOLS
from ingest.pseudonyms import GIVEN_NAMES, Pseudonyms, choose_pool, gender_of
from ingest.redaction import published_text

TEXT = (
    "Jomo Kenyatta was born in Kiambu. Jomo's wife Wanjiru Kenyatta sold tomatoes at the market, and "
    "when the cough came it was Wanjiru who took him to the clinic. jomo says the nurse was kind. "
    "Everyone there knows Kenyatta."
)
STORY = {
    "text": TEXT,
    "speaker": "Jomo Kenyatta",
    "relatives": "Wanjiru Kenyatta",
    "village": "Kiambu",
    "clinic": "",
    "title": "The cough at the market",
}
REDACTED = ("jomo", "kenyatta", "wanjiru", "kiambu")


def _published(app, story_id: str) -> str:
    with app.app_context():
        text = db.session.get(Story, story_id).published_text
        db.session.remove()
    return text


def _no_trace(text: str) -> None:
    for word in REDACTED:
        assert word not in text.casefold(), word


def test_labels_replace_every_accepted_span(app, ingest, publish):
    _, story_id, _, _ = ingest(**STORY)
    publish(story_id)
    text = _published(app, story_id)
    _no_trace(text)
    assert text.startswith("[NAME] was born in [PLACE]. [NAME]'s wife [NAME] sold tomatoes")


def test_pseudonyms_stand_for_the_same_person_throughout(app, ingest, publish):
    app.config["REDACTION_REPLACEMENT"] = "pseudonym"
    _, story_id, _, _ = ingest(**STORY)
    publish(story_id)
    text = _published(app, story_id)
    _no_trace(text)
    first = re.match(r"(\w+) (\w+) was born in \[PLACE\]\. (\w+)'s wife (\w+) (\w+) sold", text)
    assert first, text
    given, family, again, wife, wife_family = first.groups()
    assert again == given, "the first name alone is the first name of the same pseudonym"
    assert wife_family == family, "relatives who share a surname share the pseudonymous one"
    assert wife != given
    assert f"it was {wife} who took him" in text
    assert f"{given.lower()} says the nurse" in text, "a lower-case mention stays lower case"
    assert text.endswith(f"Everyone there knows {family}.")
    assert not {given, family, wife} & set(re.findall(r"\w+", TEXT)), "never a word of the original"

    # Publishing the same story again gives the same names.
    with app.app_context():
        story = db.session.get(Story, story_id)
        assert published_text(story, "pseudonym") == text
        assert published_text(story, "label").startswith("[NAME] was born in [PLACE].")


def test_redacted_words_cannot_be_found_in_the_library(app, ingest, publish, sign_in):
    _, story_id, _, _ = ingest(**STORY)
    publish(story_id)
    educator = sign_in("educator")
    assert educator.get("/api/v1/search?q=tomatoes").get_json()["total"] == 1, "the story is searchable"
    for word in ("Jomo", "Kenyatta", "Wanjiru", "Kiambu", '"Jomo Kenyatta"'):
        assert educator.get("/api/v1/search", query_string={"q": word}).get_json()["total"] == 0, word
        page = educator.get("/library", query_string={"q": word}).get_data(as_text=True)
        assert story_id not in page, word
    story_page = educator.get(f"/stories/{story_id}").get_data(as_text=True)
    _no_trace(story_page)


def test_pseudonyms_are_deterministic_and_avoid_every_word_given():
    names = ["Amina Odhiambo", "Amina", "Baraka Odhiambo"]
    first = Pseudonyms("story-1", names, avoid=["Amina Odhiambo", "Baraka"])
    again = Pseudonyms("story-1", names, avoid=["Amina Odhiambo", "Baraka"])
    assert [first.replace(n) for n in names] == [again.replace(n) for n in names]
    # Every given name but one is a word of the story: that one is the only choice left.
    only = GIVEN_NAMES[3]
    crowded = Pseudonyms("story-2", ["Amina"], avoid=[" ".join(n for n in GIVEN_NAMES if n != only)])
    assert crowded.replace("Amina") == only
    # With none left, no pseudonym: the caller falls back to the label.
    full = Pseudonyms("story-3", ["Amina", "Zawadi"], avoid=[" ".join(GIVEN_NAMES[1:])])
    assert full.replace("Amina") == GIVEN_NAMES[0] and full.replace("Zawadi") is None
    assert first.replace("Dr") is None and first.replace("Amina 42") is None


def test_an_unknown_replacement_setting_is_refused_at_start(tmp_path):
    with pytest.raises(ValueError, match="REDACTION_REPLACEMENT"):
        create_app({"INSTANCE_PATH": str(tmp_path), "REDACTION_REPLACEMENT": "emoji"})


FAMILY = (
    "Gurpreet Singh brought his wife Harjinder Kaur to the clinic in the rains. She had a fever for a "
    "week, and Gurpreet sat with her all night. Their son Manvir Dhillon drove them home."
)


def test_pseudonyms_fit_the_family_and_keep_gender_and_the_page_says_names_changed(
    app, ingest, publish, sign_in
):
    app.config["REDACTION_REPLACEMENT"] = "pseudonym"
    _, story_id, _, _ = ingest(
        text=FAMILY,
        speaker="Gurpreet Singh",
        relatives="Harjinder Kaur\nManvir Dhillon",
        village="",
        clinic="",
        title="A week of fever",
    )
    publish(story_id)
    text = _published(app, story_id)
    found = re.match(r"(\w+) Singh brought his wife (\w+) Kaur to the clinic", text)
    assert found, text
    husband, wife = found.groups()
    pool = POOLS["pa-latn"]
    assert husband in pool.men and wife in pool.women, "Punjabi names, a man's and a woman's"
    son = re.search(r"Their son (\w+) (\w+) drove", text).groups()
    assert son[0] in pool.men and son[1] in pool.surnames
    assert f"and {husband} sat with her" in text
    for word in ("Gurpreet", "Harjinder", "Manvir", "Dhillon"):
        assert word not in text

    page = sign_in("educator").get(f"/stories/{story_id}").get_data(as_text=True)
    assert "<strong>Names changed</strong>" in page and "Names are changed: the people" in page
    assert "shown as labels such as [NAME]" not in page
    assert "Names changed: the people in it have made-up names" in page  # the provenance line too
    with app.app_context():
        assert db.session.get(Story, story_id).names_changed


@pytest.mark.parametrize(
    "language, text, names, pool, genders",
    [
        ("sw", "Mama Amina alikuja na mume wake Juma. Amina alisema asante.", ["Amina", "Juma"], "sw", "fm"),
        ("ko", "마유미 할머니가 병원에 갔어요. 철수 아저씨도 왔어요.", ["마유미", "철수"], "ko", "fm"),
        ("hi", "श्रीमती सुनीता अस्पताल गईं। उनके पति विनोद साथ थे।", ["सुनीता", "विनोद"], "hi", "fm"),
        (
            "fr",
            "Madame Odile est venue. Son mari Gaston est resté, il était fatigué.",
            ["Odile", "Gaston"],
            "fr",
            "fm",
        ),
    ],
)
def test_pseudonyms_come_from_the_story_s_language_and_keep_gender(language, text, names, pool, genders):
    chosen = Pseudonyms("story-x", names, avoid=[text], language=language, text=text)
    assert chosen.pool is POOLS[pool]
    for name, gender in zip(names, genders, strict=True):
        stand_in = chosen.replace(name)
        assert stand_in in (POOLS[pool].women if gender == "f" else POOLS[pool].men), (name, stand_in)
        assert stand_in not in text


def test_gender_is_read_from_the_words_around_a_name():
    assert gender_of("Jomo", "Jomo came home and he slept.") == "m"
    assert gender_of("Wanjiru", "my sister Wanjiru came") == "f"
    assert gender_of("Kiri", "Kiri came home.") == ""
    assert gender_of("Emily", "Emily came home.") == "f", "a name in a list of women's names"
    # A script no pool is written in: the names used across regions, as before.
    assert choose_pool("am", ["አበበ"]) is None
