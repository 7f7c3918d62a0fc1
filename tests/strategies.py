"""Hypothesis strategies for newspaper-like text, shared by tests/test_properties.py and the larger
fuzz run in bench/fuzz_pipeline.py. Built from our own lexicons (words we wrote down), so the
rules fire on the text; no news text is copied."""

from __future__ import annotations

from importlib import resources

from hypothesis import strategies as st


def _lexicon(*names: str) -> list[str]:
    words: list[str] = []
    root = resources.files("extract.lexicon")
    for name in names:
        for line in (root / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.extend(line.split())
    return sorted(set(words))


WORDS = _lexicon(
    "titles",
    "verbs_chair",
    "verbs_attend",
    "verbs_meet",
    "verbs_visit",
    "verbs_sign",
    "verbs_speak",
    "verbs_accompany",
    "meeting_words",
    "agreement_words",
    "admin_units",
    "org_suffixes",
    "lead_verbs",
    "group_words",
)
SURNAMES = _lexicon("surnames")
GIVEN = list("明华芳强伟丽军海峰婷健东岭西山青川南宇")
PLACES = ["东岭镇", "西山乡", "青川市", "南宇县", "云岫县", "我市", "我县", "市委", "县政府"]
PUNCT = list("，。、：；？！“”（）《》—…") + ["\n", "\n\n", " ", "\u3000"]
ASCII = list(",.:;?!()\"'-/ ") + ["\t", "\r\n", "\r"]
DATES = ["6月15日", "2024年5月13日", "昨日上午", "近日", "13日下午"]
BYLINES = ["本报讯", "本报记者 王婷", "记者 李华 通讯员 赵强", "■本报评论员"]

person = st.builds(
    lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(st.sampled_from(GIVEN), min_size=1, max_size=2)
)
TITLES = _lexicon("titles")
CHAIR, ATTEND, VISIT, SIGN = (_lexicon(n) for n in ("verbs_chair", "verbs_attend", "verbs_visit", "verbs_sign"))
MEETINGS = ["工作会议", "常务会议", "座谈会", "推进会", "签约仪式"]
AGREEMENTS = ["结对帮扶协议", "战略合作协议", "山海协作框架协议"]


def _sentence(kind: int, a: str, b: str, c: str, place: str, other: str, title: str, words: tuple[str, ...]) -> str:
    chair, attend, visit, sign, meeting, agreement = words
    return [
        f"{a}{title}{chair}{place}{meeting}，{b}、{c}{attend}。",
        f"{place}与{other}{sign}{agreement}。",
        f"{a}率{place}考察团来{other}{visit}，{b}陪同。",
        f"{title}{a}在{place}{visit}时强调",
    ][kind]


sentence = st.builds(
    _sentence,
    st.integers(0, 3),
    person,
    person,
    person,
    st.sampled_from(PLACES),
    st.sampled_from(PLACES),
    st.sampled_from(PLACES).flatmap(lambda p: st.sampled_from([p + t for t in TITLES[:20]] + TITLES)),
    st.tuples(
        st.sampled_from(CHAIR),
        st.sampled_from(ATTEND),
        st.sampled_from(VISIT),
        st.sampled_from(SIGN),
        st.sampled_from(MEETINGS),
        st.sampled_from(AGREEMENTS),
    ),
)
piece = st.one_of(
    sentence,
    sentence,
    sentence,
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    person,
    person,
    st.sampled_from(PLACES),
    st.sampled_from(PUNCT),
    st.sampled_from(PUNCT),
    st.sampled_from(ASCII),
    st.sampled_from(DATES),
    st.sampled_from(BYLINES),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=3),
    st.text(st.sampled_from("０１２３４５６７８９ＡＢｃｄ"), min_size=1, max_size=3),
)
#: A page: newspaper-like pieces (sentences the rules read, names, titles, verbs, places, dates,
#: bylines, punctuation of both widths, full-width digits) mixed with arbitrary characters.
page_text = st.lists(piece, max_size=80).map("".join)
#: Bytes a user might hand us: a page in one of the encodings we read, or arbitrary bytes.
page_bytes = st.one_of(
    st.tuples(
        page_text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    ).map(lambda t: t[0].encode(t[1], errors="ignore")),
    st.binary(max_size=300),
    st.tuples(page_text, st.binary(max_size=4)).map(lambda t: t[0].encode("utf-8") + t[1]),
)
