"""Han characters are Unicode's Han script (regex's \\p{Han}), not only U+4E00–U+9FFF: rare name
characters live in the CJK extensions (A in the BMP, B onward in plane 2)."""

from __future__ import annotations

from extract.layout import byline_names
from extract.reading import _cjk_share
from extract.text import all_han, count_han, is_han

EXT_A = "\u3400"  # 㐀
EXT_B = "\U0002000b"  # 𠀋, plane 2
COMPAT = "\uf900"  # 豈, a compatibility ideograph


def test_the_extensions_are_han() -> None:
    for ch in ("王", EXT_A, EXT_B, COMPAT, "〇"):
        assert is_han(ch), repr(ch)
    for ch in ("a", "，", "·", "1", "ㄅ", "あ", "한", ""):
        assert not is_han(ch), repr(ch)


def test_all_han_and_count_han() -> None:
    assert all_han(f"王{EXT_B}") and all_han("") and not all_han("王a")
    assert all_han(f"艾尔肯·吐{EXT_B}", "·") and not all_han("艾尔肯·吐尔逊")
    assert count_han(f"王{EXT_B}，{EXT_A}a") == 3


def test_a_byline_name_with_an_extension_b_character_is_a_name() -> None:
    assert byline_names(f"记者 王{EXT_B} 通讯员 钱小溪") == [f"王{EXT_B}", "钱小溪"]


def test_extension_characters_count_as_chinese_text() -> None:
    assert _cjk_share(EXT_B * 3 + "ab") == 0.6
