"""Administrative places that HanLP does not know, read from their unit word (real HanLP)."""

from __future__ import annotations

import pytest

from extract.hanlp_backend import get_tagger
from extract.places import unit_places

pytestmark = pytest.mark.hanlp


def names(text: str) -> list[str]:
    return [n for n, _, _ in unit_places(text, get_tagger().tokens(text))]


def test_invented_places_before_their_unit() -> None:
    assert names("来自云栈县的考察团走进后埕岚村，又来到库木托拉克县。") == ["云栈县", "后埕岚村", "库木托拉克县"]


def test_the_smallest_unit_of_a_prefixed_place_and_long_gacha_names() -> None:
    assert names("调研组来到宝日温都苏木其其格陶勒盖嘎查。") == ["其其格陶勒盖嘎查"]
    assert names("三岚市宁岚县禾溪镇党委书记讲话。") == []  # nested in a title: not on its own


def test_phrases_that_end_in_a_unit_are_not_places() -> None:
    text = "全县上下推进乡村振兴，农村和城镇，示范村，产粮大县，数字乡村，要用好县里资金，推动两市合作，大会由市政协主席主持，不出村就能办。"
    assert names(text) == []


def test_a_place_inside_a_title_or_institution_counts_only_where_it_also_stands_alone() -> None:
    assert names("泓州市委书记讲话。") == []
    assert set(names("泓州市委书记讲话。感谢泓州市。")) == {"泓州市"}  # then both mentions are its
    assert names("海汐市鲲鹏远洋物流有限公司") == []


def sites(text: str) -> list[str]:
    from extract.places import site_places

    return [n for n, _, _ in site_places(text, get_tagger().tokens(text))]


def test_named_sites_read_back_over_their_words_and_common_words_are_none() -> None:
    assert sites("抚源高新区、抚源港物流园和文昌里历史文化街区") == ["抚源高新区", "抚源港物流园", "文昌里历史文化街区"]
    assert sites("建设万亩产业园，推进开发区建设。") == []
    assert sites("青川经济开发区管委会召开会议。") == []  # inside an institution's name


def test_titles_dates_and_ordinals_do_not_make_places() -> None:
    assert names("旗人民政府旗长乌力吉讲话。") == []
    assert names("4月29日乌兰塔拉旗召开会议，第五届泾北县运动会开幕。") == ["乌兰塔拉旗"]


def places(text: str) -> list[str]:
    from extract.mentions import find_places

    return [m.name for m in find_places(text, get_tagger().tokens(text))]


def test_a_preposition_glued_to_a_names_first_character_is_cut_off() -> None:
    # HanLP reads 向椿/g 源县/ns and 和弄/v 溪县/ns: the names are 椿源县 and 弄溪县, not their tails
    assert places("考察团向椿源县赠送了图书，椿源县县长致辞。") == ["椿源县", "椿源县"]
    assert places("双方和弄溪县签约，弄溪县表示感谢。") == ["弄溪县", "弄溪县"]


def test_a_province_printed_before_its_city_is_a_prefix_not_a_place() -> None:
    assert places("代表团来到甘肃砾源市考察。") == ["砾源市"]
    assert places("浙江省宁滨市党政代表团来访，宁滨市与我县签约。") == ["宁滨市"]
    assert "浙江省" in places("代表团赴浙江省考察。")  # standing alone it is one


def test_bare_seats_of_government_and_kinds_of_district_are_no_places() -> None:
    assert places("会议在市行政中心举行。项目落户开发区和老城区。") == []
    assert places("大会在澜州国际会展中心举行。") == ["澜州国际会展中心"]


def test_regions_are_no_places_even_in_a_list_but_countries_are() -> None:
    assert places("产品销往北美、东南亚、东北和美国。") == ["美国"]


def test_clauses_and_titles_that_end_in_a_unit_character_are_no_places() -> None:
    text = "把项目引到沣州来。约谈县区主要负责人。请他秋天到碧塘给村里讲课。旗委副书记、政府旗长孟庆丰讲话。"
    assert names(text) == []
    assert names("共同为“松楞县村企结对共建示范基地”揭牌。") == ["松楞县"]
