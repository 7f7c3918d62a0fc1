"""Normalization, OCR line rejoining and sentence offsets."""

from extract.text import join_lines, join_paragraphs, normalize_chars, sentences


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
