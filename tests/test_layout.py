"""Splitting a page into articles: bylines, 本报讯, headlines before or after their bodies.

The pages here are written for the tests (fictional places), in the shapes real pages take.
"""

from extract.layout import byline_names, credit_names, split_page
from extract.text import normalize_chars

PAGE_HEADLINES_AFTER = """▢ 全媒体记者 甲乙丙

本报讯 昨日上午，青川市石门镇召开茶叶产
业发展推进会，石门镇茶农代表参加会议。

会议指出，石门镇茶叶产业要扩大规模。

石门镇召开茶叶
产业发展推进会

▢ 全媒体记者 丁戊己 通讯员 庚辛

本报讯 连日来，云岭街道组织志愿者清理河道
垃圾，云岭街道河道面貌焕然一新。

云岭街道志愿者清理河道

下期预告：白沙乡乡村旅游节
"""


def test_headlines_printed_after_bodies_go_to_their_own_article() -> None:
    articles = split_page(normalize_chars(PAGE_HEADLINES_AFTER))
    assert [a.title for a in articles] == ["石门镇召开茶叶产业发展推进会", "云岭街道志愿者清理河道"]
    assert articles[0].byline == ["甲乙丙"]
    assert articles[1].byline == ["丁戊己", "庚辛"]
    assert "茶农代表参加会议" in articles[0].body
    assert "河道" in articles[1].body and "茶叶" not in articles[1].body


PAGE_HEADLINES_BEFORE = """白沙乡举办乡村旅游节

本报讯 昨日，白沙乡举办第三届乡村旅游节，
吸引游客两万余人次。白沙乡旅游节持续三天。

东陵县开展防汛演练

本报讯 6月3日，东陵县在青溪水库开展防汛应急
演练。东陵县应急管理局组织演练。
"""


def test_headlines_printed_before_bodies() -> None:
    articles = split_page(normalize_chars(PAGE_HEADLINES_BEFORE))
    assert [a.title for a in articles] == ["白沙乡举办乡村旅游节", "东陵县开展防汛演练"]
    assert articles[1].body.startswith("本报讯 6月3日")


def test_unrelated_headline_stays_alone_and_article_gets_a_fallback_title() -> None:
    page = "青川开展打击整治养老诈骗专项行动\n\n▢ 记者 甲乙丙\n\n本报讯 共叙山海情。昨日，两地签订协作协议。\n"
    (article,) = split_page(normalize_chars(page))
    assert article.title == "共叙山海情"


def test_byline_names() -> None:
    assert byline_names("▢ 全媒体记者 左小玉 通讯员 彭大得") == ["左小玉", "彭大得"]
    assert byline_names("▢ 本报评论员") == ["本报评论员"]
    assert byline_names("通讯员 黄小晶 全媒体记者 张小飞 摄") == ["黄小晶", "张小飞"]


def test_inline_byline_after_lead_mark() -> None:
    (article,) = split_page("本报讯（全媒体记者 赵一鸣 通讯员 钱小溪）昨日，会议召开。\n")
    assert article.byline == ["赵一鸣", "钱小溪"]


def test_ocr_space_inside_a_name_is_dropped_but_credits_keep_theirs() -> None:
    page = "本报讯 督导组成员林 秀梅、严志国参加会议。\n图为现场。通讯员 孙小晶 记者 李小飞 摄\n"
    (article,) = split_page(page)
    assert "林秀梅、严志国" in article.body
    assert article.credits == ["孙小晶", "李小飞"]


def test_padded_two_character_names_and_traditional_roles() -> None:
    assert byline_names("通讯员 祁 岚 记者 邝明远") == ["祁岚", "邝明远"]
    assert byline_names("記者 岑曉帆 通訊員 覃 越") == ["岑曉帆", "覃越"]
    assert byline_names("责任编辑:钮 苗  校对:佴小川") == ["钮苗", "佴小川"]


def test_credits_inside_running_text_and_signature_lines() -> None:
    text = "澄岭融媒记者 赖星辰 报道 5月2日，记者从县农业农村局获悉，全县春播过半。\n（郗 楠）\n（本报综合）"
    assert credit_names(text) == ["赖星辰", "郗楠"]
    assert credit_names("记者从市统计局获悉，一季度增长5%。") == []


def test_a_credit_closing_the_page_belongs_to_its_last_article() -> None:
    page = "港西镇签约\n\n本报讯（记者 祁岚）5月16日，港西镇举行签约活动。\n\n（责任编辑：钮苗）"
    articles = split_page(page)
    assert len(articles) == 1 and set(articles[0].byline) == {"祁岚", "钮苗"}
