"""The facets of a library search as the page shows them: topics under the vocabulary's category
headings, free tags apart, content warnings with what is left out, languages.

Counts come from the index (``SearchPage.facets``, exact for every match); this only names and groups
them, with one query for the tags' labels and categories, whatever the number of matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive import vocabulary
from archive.search import SearchPage

FREE_TAGS = "Other tags"


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    chosen: bool = False


@dataclass
class FacetGroup:
    heading: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass(frozen=True)
class SearchFacets:
    topics: list[FacetGroup]  # the categories in vocabulary order, then the free tags
    warnings: list[FacetValue]  # counts among what is shown; left-out warnings are chosen, count 0
    languages: list[FacetValue]
    topic_labels: dict[str, str] = field(default_factory=dict)  # every topic's label, for the hits


def search_facets(result: SearchPage, query) -> SearchFacets:
    """Name and group ``result``'s facet counts for ``query`` (a ``LibraryQuery``)."""
    topics = vocabulary.tag_info("topic")
    groups = {key: FacetGroup(heading) for key, heading in vocabulary.CATEGORIES.items()}
    free = FacetGroup(FREE_TAGS)
    for slug, count in result.facets.get("tags", []):
        info = topics.get(slug)
        value = FacetValue(slug, info.label if info else slug, count, slug in query.tags)
        group = groups.get(info.category) if info and info.category else None
        (group or free).values.append(value)
    topic_groups = [g for g in groups.values() if g.values] + ([free] if free.values else [])

    names = vocabulary.tag_info("warning")
    counted = dict(result.facets.get("warnings", []))
    warnings = [FacetValue(s, names[s].label if s in names else s, n) for s, n in counted.items()]
    # A warning left out counts nothing among what is shown; it stays listed so it can be shown again.
    warnings += [
        FacetValue(s, names[s].label, 0, chosen=True)
        for s in query.without
        if s in names and s not in counted
    ]
    languages = [
        FacetValue(code, code, count, code == query.language)
        for code, count in result.facets.get("language", [])
    ]
    labels = {slug: info.label for slug, info in topics.items()}
    return SearchFacets(topic_groups, warnings, languages, labels)
