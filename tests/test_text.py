"""Normalization, OCR line rejoining and sentence offsets."""

from extract.text import (
    CHUNK_CUTS,
    MAX_SENTENCE_CHARS,
    bounded_spans,
    join_lines,
    join_paragraphs,
    normalize_chars,
    sentences,
)


def test_ascii_punctuation_beside_chinese_becomes_full_width() -> None:
    assert normalize_chars('市长说:"要干."会议(扩大)召开,结束') == "市长说：“要干。”会议（扩大）召开，结束"


def test_numbers_keep_ascii_punctuation() -> None:
    assert normalize_chars("金额2.63亿元,共1,000人") == "金额2.63亿元，共1,000人"


def test_full_width_digits_and_ideographic_space() -> None:
    assert normalize_chars("\u3000\u3000２０２４年") == "  2024年"


def test_name_broken_across_lines_is_rejoined() -> None:
    assert join_lines(["丽水市委常委、莲都区委书记张壮", "雄，莲都区"]) == "丽水市委常委、莲都区委书记张壮雄，莲都区"


def test_ascii_words_across_lines_keep_a_space() -> None:
    assert join_lines(["RCEP", "agreement"]) == "RCEP agreement"


def test_paragraph_cut_mid_sentence_is_joined_without_newline() -> None:
    assert join_paragraphs(["有了冲锋", "在前的决心。", "下一段。"]) == "有了冲锋在前的决心。\n下一段。"


def test_sentences_are_offsets_into_the_text() -> None:
    text = "一句。二句！“三句。”\n四"
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == ["一句。", "二句！", "“三句。”", "四"]


def test_a_long_run_without_punctuation_is_cut_at_the_cap() -> None:
    text = "甲" * 1000
    spans = sentences(text)
    assert spans == [(0, MAX_SENTENCE_CHARS), (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS), (800, 1000)]


def test_a_long_sentence_is_cut_after_its_last_clause_mark_then_at_a_space() -> None:
    text = "甲" * 300 + "，" + "乙" * 300 + " " + "丙" * 150 + "。"
    assert [text[s:e][-1] for s, e in sentences(text)] == ["，", "乙", "。"]
    assert sentences(text)[1] == (301, 601)  # the space between is neither piece's


def test_a_hard_cut_falls_on_a_word_start_when_given() -> None:
    text = "甲" * 1000
    assert sentences(text, breaks=[0, 250, 390, 700]) == [(0, 390), (390, 700), (700, 1000)]


def test_sentences_below_the_cap_are_not_cut() -> None:
    text = ("市委书记王健主持会议，市长李明、副市长张华出席。" * 3 + "\n") * 5
    assert sentences(text) == sentences(text, limit=10**9)
    assert all(e - s < 30 for s, e in sentences(text))


def test_bounded_spans_cover_the_text_in_order() -> None:
    text = "一二三，四五 六七八九。十" * 50
    for limit in (1, 2, 7, 100):
        spans = bounded_spans(text, 0, len(text), limit, CHUNK_CUTS)
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
        assert all(0 < e - s <= limit for s, e in spans)
