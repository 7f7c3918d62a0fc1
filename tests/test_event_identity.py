"""Event identity: a generic event (会见, 座谈会) belongs to its article; an event with a name of
its own is one node per name and date across articles; each event is dated by its own sentence."""

from __future__ import annotations

import pytest

from extract.extractor import extract
from kg.graph import to_networkx
from kg.model import Article, Facts, content_id
from kg.resolve import resolve

pytestmark = pytest.mark.hanlp


def _article(text: str, date: str = "2024-05-13") -> Article:
    return Article(id=content_id(text), title="t", text=text, source="test", date=date)


def _events(facts: list[Facts]) -> dict[str, set[str]]:
    """Event name → the ids it has across the batch."""
    ids: dict[str, set[str]] = {}
    for f in facts:
        for e in f.by_type("Event"):
            ids.setdefault(e.name, set()).add(e.id)
    return ids


def test_two_unrelated_meetings_on_one_day_stay_apart() -> None:
    one = extract(_article("本报讯 昨日，市委书记林海峰会见了南屿市客人韩立群一行。"))
    two = extract(_article("本报讯 昨日，市长苏文博会见了星河集团董事长周启明。"))
    facts = resolve([one, two], home_city="青川")
    assert len(_events(facts)["会见"]) == 2
    graph = to_networkx(facts)
    # Nobody of the first 会见 is linked through an event to anybody of the second.
    first = {n for n in graph.nodes if graph.nodes[n].get("name") == "林海峰"}
    reach = {m for n in first for e in graph.successors(n) for m in graph.predecessors(e)}
    names = {graph.nodes[n].get("name") for n in reach}
    assert "苏文博" not in names and "周启明" not in names


def test_a_named_meeting_in_two_articles_of_one_day_is_one_event() -> None:
    one = extract(_article("本报讯 昨日，市委书记林海峰主持召开全市安全生产工作会议。"))
    two = extract(_article("本报讯 昨日，全市安全生产工作会议召开，市长苏文博出席会议并讲话。"))
    assert len(_events(resolve([one, two], home_city="青川"))["全市安全生产工作会议"]) == 1


def test_the_same_name_on_two_days_is_two_events() -> None:
    one = extract(_article("本报讯 昨日，市长苏文博主持召开全市安全生产工作会议。", "2024-05-13"))
    two = extract(_article("本报讯 昨日，市长苏文博主持召开全市安全生产工作会议。次日另有安排。", "2024-06-20"))
    assert len(_events([one, two])["全市安全生产工作会议"]) == 2


def test_an_event_is_dated_by_its_own_sentence() -> None:
    f = extract(_article("本报讯 5月10日，市委书记林海峰会见了南屿市客人韩立群一行。", "2024-05-13"))
    (meeting,) = f.by_type("Event")
    assert meeting.properties["date"] == "2024-05-10"


def test_a_delegation_the_article_never_names_belongs_to_its_article() -> None:
    """考察团 in two articles is two delegations; a named one (南屿市党政代表团) is one node."""
    one = extract(_article("本报讯 市长韩立群带领考察团来到青川经济开发区考察。南屿市党政代表团来我市考察。"))
    two = extract(_article("本报讯 副市长罗继成带领考察团来到东陵县石门镇考察。南屿市党政代表团来我市考察。"))
    ids: dict[str, set[str]] = {}
    for f in resolve([one, two], home_city="青川"):
        for e in f.by_type("Organization"):
            ids.setdefault(e.name, set()).add(e.id)
    assert len(ids["考察团"]) == 2
    assert len(ids["南屿市党政代表团"]) == 1
