"""Agreement rules (rule family ``sign``): A与B签订…协议, A、B、C分别与D、E、F签订… (pairs in order), 双方签订 at a joint
meeting. Each signing yields a party–party SIGNED_AGREEMENT carrying the agreement's name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import product

from extract import lexicon
from extract.rules.context import SIGN_RE, Found, RuleContext, Sentence, find_clause_end, find_clause_start

AGREEMENT_ALT = lexicon.alternation("agreement_words")
_SIGN_SPLITS = [re.compile(p) for p in (r"分别与|分别同|分别和", r"与", r"同", r"和")]
_PARTY_TRIM_END = re.compile(r"(?:共同|正式|现场|分别|还|也|成功|顺利|当场|一起|代表)+$")
_PARTY_TRIM_START = re.compile(r"^(?:由|在|会上|随后|当天|同时|其中|并|还|又|双方|分别)+")
_SMALLEST_UNIT = re.compile(r"^(.{2,}?(?:自治县|市|区|县))(.{2,}?(?:畲族乡|民族乡|街道|乡|镇|社区|村))$")
ORG_WORDS = re.compile(lexicon.alternation("org_suffixes") + r"|中央|国务院")
_PARTY_END = re.compile(r"(?:自治县|市|区|县|镇|乡|街道|社区|村|" + lexicon.alternation("org_suffixes") + r"|公司|集团)$")
_UNIT_SUFFIX = re.compile(r"(?:自治县|市|区|县)$")


def _party(piece: str) -> tuple[str, str] | None:
    piece = _PARTY_TRIM_START.sub("", _PARTY_TRIM_END.sub("", piece.strip(" “”")))
    if len(piece) < 2 or not all("\u4e00" <= c <= "\u9fff" or c in "（）" for c in piece):
        return None
    if ORG_WORDS.search(piece) and not re.search(r"(?:街道|乡|镇|社区|村)$", piece):
        return ("Organization", piece)
    unit = _SMALLEST_UNIT.match(piece)
    return ("Place", unit.group(2) if unit else piece)


def _party_like(piece: str) -> bool:
    parts = re.split(r"分别与|分别同|分别和|与|和|同|、", piece)
    return 0 < len(piece) <= 40 and all(p and len(p) <= 16 and _PARTY_END.search(p) for p in parts)


def _extend_over_commas(text: str, start: int, floor: int) -> int:
    """Lists printed with ASCII commas (石门镇,白沙乡,云岭街道分别与…) read as one clause."""
    while start - 1 > floor and text[start - 1] == "，":
        piece_start = find_clause_start(text, start - 1, floor)
        if not _party_like(text[piece_start:start - 1]):
            break
        start = piece_start
    return start


def signings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    for m in SIGN_RE.finditer(sent.text):
        verb_start, verb_end = sent.start + m.start(), sent.start + m.end()
        clause_start = find_clause_start(ctx.text, verb_start, sent.start)
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        name_m = re.match(rf"了?([^，。；]{{0,40}}?(?:{AGREEMENT_ALT}))", ctx.text[verb_end:clause_end])
        if not name_m:
            continue
        agreement = name_m.group(1).replace("“", "").replace("”", "")
        clause_start = _extend_over_commas(ctx.text, clause_start, sent.start)
        before = _PARTY_TRIM_END.sub("", ctx.text[clause_start:verb_start].replace("，", "、"))
        split = next((m for m in (p.search(before) for p in _SIGN_SPLITS) if m), None)
        if not split:
            if "双方" in ctx.text[sent.start:verb_start]:
                pair = _sides_of_meeting(ctx, verb_start)
                if pair:
                    yield Found("SIGNED_AGREEMENT", pair[0], pair[1], (sent.start, sent.end),
                                (("agreement", agreement),), rule="sign.both_sides")
            continue
        left = [p for p in map(_party, before[:split.start()].split("、")) if p]
        right = [p for p in map(_party, before[split.end():].split("、")) if p]
        if not left or not right:
            continue
        if len(left) == len(right) and (len(left) > 1 or split.group(0).startswith("分别")):
            pairs, rule = list(zip(left, right)), "sign.respectively"
        else:
            pairs, rule = list(product(left, right)), "sign.pair"
        for a, b in pairs:
            if a != b:
                yield Found("SIGNED_AGREEMENT", a, b, (sent.start, sent.end), (("agreement", agreement),), rule=rule)


def _sides_of_meeting(ctx: RuleContext, pos: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """双方签订 at a 青川—南屿山海协作联席会议: the two sides are the places its name joins."""
    event = ctx.current_event(pos, "会")
    if event is None:
        return None
    halves = re.split("[—－-]", event.name, maxsplit=1)
    if len(halves) != 2:
        return None
    places = {m.name for m in ctx.mentions.places}
    by_stem = {_UNIT_SUFFIX.sub("", p): p for p in places if _UNIT_SUFFIX.search(p)}

    def side(text: str, at_end: bool) -> tuple[str, str] | None:
        for size in range(min(len(text), 8), 1, -1):
            piece = text[-size:] if at_end else text[:size]
            if piece in places:
                return ("Place", piece)
            if piece in by_stem:
                return ("Place", by_stem[piece])
        # HanLP may not know the place (a small county): a stem printed elsewhere with its unit.
        for size in (4, 3, 2):
            piece = text[-size:] if at_end else text[:size]
            unit = re.search(re.escape(piece) + "(市|区|县)", ctx.text)
            if len(piece) == size and unit and all("\u4e00" <= c <= "\u9fff" for c in piece):
                full = piece + unit.group(1)
                return ("Place", full if re.search(re.escape(full) + "(?![委政人])", ctx.text) else piece)
        return None

    left, right = side(halves[0], True), side(halves[1], False)
    return (left, right) if left and right and left != right else None
