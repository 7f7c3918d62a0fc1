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
_PARTY_TRIM_END = re.compile(r"(?:共同|正式|现场|分别|还|也|成功|顺利|当场|一起|代表|在[\u4e00-\u9fff]{1,8})+$")
_PARTY_TRIM_START = re.compile(r"^(?:由|在|会上|随后|当天|同时|其中|并|还|又|双方|分别)+")
_SMALLEST_UNIT = re.compile(r"^(.{2,}?(?:自治县|市|区|县))(.{2,}?(?:畲族乡|民族乡|街道|乡|镇|社区|村))$")
ORG_WORDS = re.compile(lexicon.alternation("org_suffixes") + r"|中央|国务院")
_PARTY_END = re.compile(
    r"(?:自治县|市|区|县|镇|乡|街道|社区|村|" + lexicon.alternation("org_suffixes") + r"|公司|集团)$"
)
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
        if not _party_like(text[piece_start : start - 1]):
            break
        start = piece_start
    return start


_CEREMONY = re.compile(r"(?:签约|签字)(?:仪式|活动)")
_ON_BEHALF = re.compile(r"(?<!双方)代表(?!团|处|大会)")
_NAME_QUOTES = str.maketrans("", "", "“”《》〈〉「」")


def signings(ctx: RuleContext, sent: Sentence) -> Iterator[Found]:
    """A与B签订…协议; A、B、C分别与D、E、F签订…; 甲代表A与乙签约 (the parties are whom the signers
    represent); 甲、乙分别代表A和B签订…; 双方签订…; A与B…协议签约仪式."""
    for c in _CEREMONY.finditer(sent.text):
        yield from _ceremony(ctx, sent, sent.start + c.start())
    for m in ctx.verbs_in(sent, SIGN_RE):
        verb_start, verb_end = sent.start + m.start(), sent.start + m.end()
        clause_start = find_clause_start(ctx.text, verb_start, sent.start)
        clause_end = find_clause_end(ctx.text, verb_end, sent.end)
        if _CEREMONY.match(ctx.text, verb_start):
            continue  # a ceremony's name, read above
        agreement = _agreement_after(ctx.text[verb_end:clause_end]) or _agreement_before(ctx, verb_start)
        if not agreement and m.group(0) == "签约":  # A和B签约智能家居产业园项目: the project is what they sign
            project = re.match(r"([^，。；（(]{2,30}?项目)", ctx.text[verb_end:clause_end])
            agreement = project.group(1) if project else None
        if not agreement:
            continue
        clause_start = _extend_over_commas(ctx.text, clause_start, sent.start)
        behalf = None
        for b in _ON_BEHALF.finditer(ctx.text, clause_start, verb_start):
            behalf = b
        rule_kind = "on_behalf" if behalf else ""
        if behalf:
            yield from _signers_attend(ctx, sent, clause_start, behalf.start())
        lo = behalf.end() if behalf else clause_start
        before = _PARTY_TRIM_END.sub("", _without_signers(ctx, lo, verb_start).replace("，", "、"))
        chained = _chained_pairs(before)
        if chained:  # A与B、C与D、E与F签订…: one pair per item, no cross pairs
            for a, b in chained:
                yield Found(
                    "SIGNED_AGREEMENT",
                    a,
                    b,
                    (sent.start, sent.end),
                    (("agreement", agreement),),
                    rule="sign.chained_pairs",
                )
            continue
        if _BOTH_PLACES.fullmatch(before.strip()):  # 甲、乙分别代表两地签订《秀澜市—措吉县…协议》
            pair = _agreement_sides(agreement, ctx) or _sides_of_signing(ctx, verb_start)
            if pair and "政府" in before:  # 两地政府签订: the two governments are the parties
                pair = (_government(pair[0]), _government(pair[1]))
            if pair:
                yield Found(
                    "SIGNED_AGREEMENT",
                    pair[0],
                    pair[1],
                    (sent.start, sent.end),
                    (("agreement", agreement),),
                    rule="sign.two_sides",
                )
            continue
        split = next((m for m in (p.search(before) for p in _SIGN_SPLITS) if m), None)
        if not split:
            if "双方" in ctx.text[sent.start : verb_start]:
                pair = _sides_of_signing(ctx, verb_start)
                if pair:
                    yield Found(
                        "SIGNED_AGREEMENT",
                        pair[0],
                        pair[1],
                        (sent.start, sent.end),
                        (("agreement", agreement),),
                        rule="sign.both_sides",
                    )
            continue
        left = [p for p in map(_party, before[: split.start()].split("、")) if p]
        right = [p for p in map(_party, before[split.end() :].split("、")) if p]
        if not left or not right:
            continue
        if len(left) == len(right) and (len(left) > 1 or split.group(0).startswith("分别")):
            pairs, rule = list(zip(left, right)), "sign.respectively"
        else:
            pairs, rule = list(product(left, right)), "sign.pair"
        if rule_kind:
            rule = "sign.on_behalf"
        for a, b in pairs:
            if a != b:
                yield Found("SIGNED_AGREEMENT", a, b, (sent.start, sent.end), (("agreement", agreement),), rule=rule)


#: The two sides named together: 两地, 两镇, 双方 … (the parties are then read elsewhere).
_BOTH_PLACES = re.compile(r"(?:两地|两市|两县|两区|两镇|两乡|两村|两街道|双方|两地政府|两市政府|两县政府)")
_SIDE_UNIT = r"(?:自治州|自治县|街道|省|市|县|区|州|郡|镇|乡|村|旗|盟)"


def _government(side: tuple[str, str]) -> tuple[str, str]:
    """The government of a side that is a place (桐江区 → 桐江区政府; 我市 → 我市政府, which
    resolution names after the home place); else the side."""
    kind, name = side
    if kind != "Place" or not re.search("(?:市|县|区|旗|州|盟|镇|乡)$", name):
        return side
    return ("Organization", name + "政府")


def _chained_pairs(before: str) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of A与B、C与D、E与F: two or more items, each one party 与/和/同 another."""
    items = before.split("、")
    if len(items) < 2:
        return []
    pairs = []
    for item in items:
        pair = None
        for cut in re.finditer("与|和|同", item):  # 白沙镇与仁和乡: the cut whose two sides are parties
            a, b = _party(item[: cut.start()]), _party(item[cut.end() :])
            if a and b and a != b and _PARTY_END.search(a[1]) and _PARTY_END.search(b[1]):
                pair = (a, b)
                break
        if pair is None:
            return []
        pairs.append(pair)
    return pairs


def _agreement_sides(name: str, ctx: RuleContext) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two places an agreement's name joins: 秀澜市—措吉县对口支援项目协议, 山东省莱岫市与全罗南道清罗郡…"""
    halves = re.split("[—－-]|与|和|同", name, maxsplit=1)
    if len(halves) != 2:
        return None
    left = [m for m in re.finditer(rf"[\u4e00-\u9fff]{{2,6}}?{_SIDE_UNIT}", halves[0]) if m.end() == len(halves[0])]
    right = re.match(rf"(?:[\u4e00-\u9fff]{{2,6}}?{_SIDE_UNIT})+", halves[1])
    if not left or not right:
        return None
    last = list(re.finditer(rf"[\u4e00-\u9fff]{{2,6}}?{_SIDE_UNIT}", right.group(0)))[-1].group(0)
    a, b = _party(left[-1].group(0)), _party(last)
    return (a, b) if a and b and a != b else None


def _signers_attend(ctx: RuleContext, sent: Sentence, lo: int, hi: int) -> Iterator[Found]:
    """甲、乙分别代表双方签约: the people who sign at a signing ceremony attended it."""
    ceremony = next((e for e in reversed(ctx.named_events) if e.start < hi and _CEREMONY.search(e.name)), None)
    if ceremony is None:
        bare = _CEREMONY.search(ctx.text)
        if bare is None:
            return
        name = bare.group(0)
    else:
        name = ceremony.name
    for p in sent.persons:
        if lo <= p.start and p.end <= hi:
            yield Found("ATTENDED", ("Person", p.name), ("Event", name), (sent.start, sent.end), rule="attend.signers")


def _agreement_after(rest: str) -> str | None:
    """The agreement named right after the verb: 签订了《…合作协议》, 签署山海协作框架协议."""
    m = re.match(rf"(?:了|下)?([^，。；]{{0,40}}?(?:{AGREEMENT_ALT})[》”]?)", rest)
    if m is None:  # 签署了《蔺港市—砾源市2024年度对口合作工作计划》: what is signed is an agreement
        m = re.match(r"(?:了|下)?(《[^》]{2,40}》)", rest)
    return m.group(1).translate(_NAME_QUOTES) if m else None


def _agreement_before(ctx: RuleContext, pos: int) -> str | None:
    """进行了现场签约: the agreement is the one the article named last before (its ceremony)."""
    found = None
    for m in re.finditer(rf"[^，。；、与和同]{{0,30}}?(?:{AGREEMENT_ALT})", ctx.text[max(0, pos - 600) : pos]):
        found = m
    if found is None:
        return None
    name = re.sub(r"^(?:签订|签署|签约|共同|关于|就|的)+", "", found.group(0)).translate(_NAME_QUOTES)
    name = _BODY_PREFIX.sub("", name)  # 星河集团有限公司合作框架协议 → 合作框架协议
    return name if len(name) >= 2 else None


def _without_signers(ctx: RuleContext, lo: int, hi: int) -> str:
    """The text of [lo, hi) with the signers taken out: 星河集团董事长刘启航进行了现场 → 星河集团.
    A signer standing for their organization leaves that organization's name (its title's body)."""
    persons = [p for p in ctx.mentions.persons if lo <= p.start and p.end <= hi]
    if not persons:
        return ctx.text[lo:hi]
    out, pos = [], lo
    for p in persons:
        piece = ctx.text[pos : p.start]
        out.append(_TITLE_TAIL.sub("", piece))
        pos = p.end
    tail = ctx.text[pos:hi]
    out.append(tail if re.search("与|和|同|、", tail) else "")
    return "".join(out)


_BODY_PREFIX = re.compile(rf"^.*(?:{lexicon.alternation('org_suffixes')})(?=.)")
_TITLE_TAIL = re.compile(f"(?:{lexicon.alternation('titles')}|负责人|代表|、)+$")


def _ceremony(ctx: RuleContext, sent: Sentence, at: int) -> Iterator[Found]:
    """A与B…合作框架协议签约仪式: the two named before the agreement signed it."""
    head = ctx.text[find_clause_start(ctx.text, at, sent.start) : at]
    m = re.search(
        rf"(?:^|在|举行|举办)?([^，。；]{{2,30}}?)(?:与|和|同)([^，。；]{{2,30}}{_PARTY_END.pattern[:-1]})"
        rf"((?:[^，。；与和同]{{0,20}}?)(?:{AGREEMENT_ALT}))$",
        head,
    )
    if not m:
        return
    a, b = _party(re.sub(r"^(?:举行|举办|在|开展|召开)", "", m.group(1))), _party(m.group(2))
    if a and b and a != b:
        yield Found(
            "SIGNED_AGREEMENT",
            a,
            b,
            (sent.start, sent.end),
            (("agreement", m.group(3).translate(_NAME_QUOTES)),),
            rule="sign.ceremony",
        )


def _sides_of_signing(ctx: RuleContext, pos: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """双方签订: the sides of the signing ceremony, else of the joint meeting (青川—南屿联席会议),
    else the visiting delegation's place and the home city (我市)."""
    return _sides_of_meeting(ctx, pos) or _sides_of_visit(ctx, pos)


def _sides_of_visit(ctx: RuleContext, pos: int) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """A delegation named by its place (南屿市党政代表团) visiting the paper's city: the two sides
    are that place and 我市, when the article says the delegation came here (来我市, 来青)."""
    from extract.rules.discourse import party_at

    party = party_at(ctx, pos)
    if party is None or not party.name:
        return None
    if re.match("我(?:市|县|区|州|旗)", party.name):  # 我区党政代表团赴临澈区: we went there
        dest = _destination(ctx, pos)
        return (("Place", "我市"), dest) if dest and dest != ("Place", "我市") else None
    place = re.match(r"^(.{2,8}?(?:自治州|自治县|市|县|区|省|州|盟|旗))", party.name)
    if not place:
        return None
    if "我市" in ctx.text[:pos] or "来我" in ctx.text[:pos]:
        return (("Place", place.group(1)), ("Place", "我市"))
    dest = _destination(ctx, pos)
    return (("Place", place.group(1)), dest) if dest and dest[1] != place.group(1) else None


_GOES_TO = re.compile(
    r"(?:赴|到|来|前往|抵达)((?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|自治州|市|州|县|区|旗))+)"
    r"(?=考察|调研|学习|开展|对接|交流|访问|，|。)"
)
_ONE_UNIT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:省|自治区|自治州|市|州|县|区|旗)")


def _destination(ctx: RuleContext, pos: int) -> tuple[str, str] | None:
    """Where the delegation went, as printed last before pos: the smallest unit of 赴浙江省瓯岑市
    临澈区考察, or a one-character short form (来津考察)."""
    from extract.rules.visits import SHORT_PLACE, short_place

    found = None
    for m in _GOES_TO.finditer(ctx.text, 0, pos):
        found = ("Place", _ONE_UNIT.findall(m.group(1))[-1])
    if found:
        return found
    for m in SHORT_PLACE.finditer(ctx.text, 0, pos):
        found = short_place(ctx, m.group(1), m.group(0)[0])
    return found


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
