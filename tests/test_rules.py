"""Title parsing and relation rules on sentences we wrote, run through the real HanLP."""

from __future__ import annotations

import pytest

from extract.extractor import extract, position_org
from kg.model import Article, Facts, content_id

pytestmark = pytest.mark.hanlp


def facts_of(text: str, date: str = "2024-05-13", byline: tuple[str, ...] = ()) -> Facts:
    return extract(Article(id=content_id(text), title="t", text=text, source="test", date=date, byline=byline))


def test_titles_before_a_name_with_a_chain() -> None:
    f = facts_of("昨日，南屿市委常委、海澄区委书记许明轩，海澄区人大常委会主任韩立群等区领导参加活动。")
    people = {e.name: e.titles for e in f.by_type("Person")}
    assert people["许明轩"] == ("南屿市委常委", "海澄区委书记")
    assert people["韩立群"] == ("海澄区人大常委会主任",)


def test_title_after_a_name_and_appositive() -> None:
    f = facts_of("周明远，东陵县委常委、副县长，出席开幕式。林海峰书记讲话。")
    people = {e.name: e.titles for e in f.by_type("Person")}
    assert people["周明远"] == ("东陵县委常委", "副县长")
    assert "书记" in people["林海峰"]


def test_position_org() -> None:
    assert position_org("莲都区委书记") == "莲都区委"
    assert position_org("市长") == "市政府"
    assert position_org("南屿市委常委") == "南屿市委"
    assert position_org("书记") is None


def test_fenbie_pairs_exactly_in_order() -> None:
    f = facts_of("会上，石门镇、云岭街道、枫桥街道分别与海澄区鹭洲镇、潮音乡、沙湾街道签订乡镇（街道）结对协议。")
    assert f.pairs("SIGNED_AGREEMENT") == {("石门镇", "鹭洲镇"), ("云岭街道", "潮音乡"), ("枫桥街道", "沙湾街道")}
    agreements = {r.properties["agreement"] for r in f.relations if r.type == "SIGNED_AGREEMENT"}
    assert agreements == {"乡镇（街道）结对协议"}


def test_a_yu_b_signing_with_agreement_node() -> None:
    f = facts_of("青川经济开发区管委会与海澄区临港产业园管委会签订“山海协作”产业飞地共建协议。")
    assert f.pairs("SIGNED_AGREEMENT") == {("青川经济开发区管委会", "海澄区临港产业园管委会")}
    party_to = f.pairs("PARTY_TO")
    assert {head for head, _ in party_to} == {"青川经济开发区管委会", "海澄区临港产业园管委会"}
    assert {tail for _, tail in party_to} == {"山海协作产业飞地共建协议"}


def test_chair_and_leader_list_attendance() -> None:
    f = facts_of(
        "5月12日上午，市委书记林海峰主持召开全市一季度经济运行分析会。市领导苏文博、周立民、郑雅琴等参加会议。"
    )
    assert f.pairs("CHAIRED") == {("林海峰", "全市一季度经济运行分析会")}
    assert f.pairs("ATTENDED") == {(n, "全市一季度经济运行分析会") for n in ("苏文博", "周立民", "郑雅琴")}
    dates = {r.properties["date"] for r in f.relations if r.type in ("CHAIRED", "ATTENDED")}
    assert dates == {"2024-05-12"}


def test_delegation_visit() -> None:
    f = facts_of(
        "市委书记林海峰率青川市党政代表团赴南屿市考察。代表团先后考察了南屿港集装箱码头、海澄区临港产业园等地。"
    )
    visited = f.pairs("VISITED")
    assert ("林海峰", "南屿市") in visited
    assert ("青川市党政代表团", "南屿港集装箱码头") in visited
    assert ("青川市党政代表团", "海澄区临港产业园") in visited


def test_surname_plus_title_is_the_same_person() -> None:
    f = facts_of("市委书记林海峰到东陵县调研。随后，林书记走访了石门镇茶叶专业合作社。")
    assert ("林海峰", "石门镇茶叶专业合作社") in f.pairs("VISITED")
    assert "林书记" not in f.names("Person")


def test_every_relation_quotes_its_sentence() -> None:
    text = "▢ 记者 赵一鸣\n本报讯 昨日，市委书记林海峰主持召开全市经济工作会议。市领导苏文博参加会议。"
    f = facts_of(text, byline=("赵一鸣",))
    assert f.relations
    for r in f.relations:
        assert text[r.evidence.start : r.evidence.end] == r.evidence.sentence
    assert ("赵一鸣", f.article.title) in f.pairs("AUTHORED")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("塔依县委书记阿依古丽·买买提会见了代表团一行。", "阿依古丽·买买提"),
        ("县委副书记、县长阿布都热合曼·吐尔逊会见代表团一行。", "阿布都热合曼·吐尔逊"),
        ("集团董事长傅启南一行来访。", "傅启南"),
        ("决定任命：\n韩晓东为青川市财政局局长；\n邹明远为青川市审计局局长。", "邹明远"),
        ("会上，返乡创业青年代表司马云舒发言。市委书记林海峰出席。", "林海峰"),
        ("副县长诸葛文清出席活动。", "诸葛文清"),
        ("市领导吴振东参加活动。", "吴振东"),
    ],
)
def test_people_written_in_many_ways(text: str, person: str) -> None:
    assert person in facts_of(text).names("Person")


@pytest.mark.parametrize("text", ["各地要连成一片，形成合力。", "游客刘女士说，景区很美。", "他强调，要抓好落实。"])
def test_phrases_that_are_not_people(text: str) -> None:
    names = facts_of(text).names("Person")
    assert not names & {"成一片", "刘女士", "强调"}


def test_both_sides_of_a_joint_meeting_sign() -> None:
    f = facts_of(
        "昨日，青川—南屿山海协作联席会议在青川召开。双方共同签订山海协作框架协议。"
        "南屿市委书记罗继成，青川市委书记林海峰出席。"
    )
    pairs = f.pairs("SIGNED_AGREEMENT")
    assert len(pairs) == 1
    ((a, b),) = pairs
    assert a.startswith("青川") and b.startswith("南屿")


def test_a_pronoun_visitor_is_the_person_last_seen_acting() -> None:
    f = facts_of("市委书记林海峰带队到东陵县调研。他先后来到石门镇茶叶专业合作社和白沙乡高山蔬菜基地。")
    visited = f.pairs("VISITED")
    assert ("林海峰", "石门镇茶叶专业合作社") in visited and ("林海峰", "白沙乡高山蔬菜基地") in visited


def test_both_sides_of_a_courtesy_call_attended_it() -> None:
    f = facts_of("市委书记林海峰会见了南屿市委书记罗继成一行。")
    assert ("林海峰", "罗继成") in f.pairs("MET")
    assert {("林海峰", "会见"), ("罗继成", "会见")} <= f.pairs("ATTENDED")


def test_places_are_not_people() -> None:
    assert "白鹭县" not in facts_of("白鹭县召开全县经济工作会议，县长周明远出席。").names("Person")


def test_a_meeting_named_after_an_idiom_verb() -> None:
    # HanLP tags 招商引资 as an idiom verb (vl); it still belongs to the meeting's name.
    f = facts_of("本报讯 3月5日上午，市委书记林海峰主持召开全市招商引资工作会议，听取各地工作汇报。")
    assert f.pairs("CHAIRED") == {("林海峰", "全市招商引资工作会议")}


def test_a_company_title_keeps_the_whole_company_name() -> None:
    # HanLP tags 云计算 gi; the title chain still runs back to the start of the company's name.
    f = facts_of("星河云计算有限公司董事长钟云民介绍，公司今年新增订单三成。")
    assert {e.name: e.titles for e in f.by_type("Person")} == {"钟云民": ("星河云计算有限公司董事长",)}
    assert f.pairs("HOLDS_POSITION") == {("钟云民", "星河云计算有限公司")}


def test_where_a_meeting_is_held_is_not_a_person() -> None:
    f = facts_of("本报讯 昨日，青川—南屿山海协作联席会议在南屿召开。市委书记林海峰出席会议。")
    assert "南屿" not in f.names("Person")
    assert f.names("Person") == {"林海峰"}


def test_a_person_tagged_city_before_its_committee_is_part_of_the_title() -> None:
    # HanLP tags 南屿 as a name; followed by 市委 it is the city of the title.
    f = facts_of("会议在南屿召开。南屿市委书记林海峰出席。")
    assert {e.name: e.titles for e in f.by_type("Person")} == {"林海峰": ("南屿市委书记",)}
    assert f.pairs("HOLDS_POSITION") == {("林海峰", "南屿市委")}


def test_a_county_head_holds_office_in_its_government() -> None:
    assert position_org("东陵县县长") == "东陵县政府"
    assert position_org("东陵县副县长") == "东陵县政府"


def test_a_verb_after_a_title_is_not_a_name() -> None:
    f = facts_of("昨日，海澄区委书记许明轩，林海峰市长参加活动。")
    assert f.names("Person") == {"许明轩", "林海峰"}


def test_companions_accompany_the_visitors_of_the_visit() -> None:
    f = facts_of("本报讯 昨日，市长苏文博走访调研我市重点工业企业。副市长陈嘉禾，市政府秘书长田野陪同。")
    assert f.pairs("ACCOMPANIED") == {("陈嘉禾", "苏文博"), ("田野", "苏文博")}
    g = facts_of("在市委书记林海峰、市长苏文博的陪同下，省委副书记褚永康考察了青川港集装箱码头。")
    assert g.pairs("ACCOMPANIED") == {("林海峰", "褚永康"), ("苏文博", "褚永康")}
    assert {head for head, _ in g.pairs("VISITED")} == {"褚永康"}  # hosts are not visitors


def test_accompanying_to_a_named_event_is_attendance_not_accompaniment() -> None:
    f = facts_of("副市长陈嘉禾陪同出席全市茶产业博览会开幕式。")
    assert f.pairs("ACCOMPANIED") == set()
    assert ("陈嘉禾", "全市茶产业博览会开幕式") in f.pairs("ATTENDED")


def test_a_delegation_and_its_leader_visit_every_stop() -> None:
    f = facts_of(
        "5月8日，南屿市委书记罗继成率南屿市党政代表团来我市考察。代表团一行先后考察了石门镇、"
        "青川港集装箱码头和星河云计算有限公司。市长苏文博陪同考察。"
    )
    visited = f.pairs("VISITED")
    for stop in ("石门镇", "青川港集装箱码头", "星河云计算有限公司"):
        assert ("罗继成", stop) in visited and ("南屿市党政代表团", stop) in visited
    assert f.pairs("ACCOMPANIED") == {("苏文博", "罗继成"), ("苏文博", "南屿市党政代表团")}


def test_talks_and_a_meeting_with_a_delegation() -> None:
    f = facts_of("市委书记林海峰与南屿市委书记罗继成举行会谈。")
    assert f.pairs("MET") == {("林海峰", "罗继成")}
    assert f.pairs("ATTENDED") == {("林海峰", "会谈"), ("罗继成", "会谈")}
    g = facts_of("南屿市党政代表团来我市考察。市委书记林海峰会见了代表团一行。会见中，林海峰介绍了青川的发展情况。")
    assert g.pairs("MET") == {("林海峰", "南屿市党政代表团")}


def test_the_parties_are_whom_the_signers_represent() -> None:
    f = facts_of("副县长张一鸣代表东岭县人民政府与星河建设集团有限公司董事长刘启航签订合作框架协议。")
    assert f.pairs("SIGNED_AGREEMENT") == {("东岭县人民政府", "星河建设集团有限公司")}
    g = facts_of("市长苏文博、南屿市市长韩立群分别代表青川市和南屿市签订山海协作框架协议。")
    assert g.pairs("SIGNED_AGREEMENT") == {("青川市", "南屿市")}
    assert {r.properties["rule"] for r in g.relations if r.type == "SIGNED_AGREEMENT"} == {"sign.on_behalf"}


def test_a_signing_ceremony_names_its_parties_and_a_later_signing_its_agreement() -> None:
    f = facts_of("东岭县人民政府与星河建设集团有限公司合作框架协议签约仪式昨日举行。会上，双方代表进行了现场签约。")
    assert ("东岭县人民政府", "星河建设集团有限公司") in f.pairs("SIGNED_AGREEMENT")
    assert {r.properties["agreement"] for r in f.relations if r.type == "SIGNED_AGREEMENT"} == {"合作框架协议"}


def test_both_sides_of_a_visit_and_names_in_book_quotes() -> None:
    f = facts_of("5月8日，南屿市委书记罗继成率南屿市党政代表团来我市考察。会上，双方签署了战略合作框架协议。")
    assert f.pairs("SIGNED_AGREEMENT") == {("南屿市", "我市")}  # 我市 is the home city once resolved
    g = facts_of("签约仪式上，青川市与南屿市签署《共建产业飞地合作协议》，澜州市与青川市缔结友好城市关系。")
    assert g.pairs("SIGNED_AGREEMENT") == {("青川市", "南屿市"), ("澜州市", "青川市")}
    names = {r.properties["agreement"] for r in g.relations if r.type == "SIGNED_AGREEMENT"}
    assert names == {"共建产业飞地合作协议", "友好城市关系"}


def test_a_tour_to_a_province_by_its_short_form_and_its_stops() -> None:
    f = facts_of(
        "5月20日，青川市委书记林海峰率青川市党政代表团来湘考察。在湘期间，代表团先后到长岭县数字经济产业园、"
        "湘江食品有限公司等地实地考察。"
    )
    visited = f.pairs("VISITED")
    for stop in ("湖南省", "长岭县数字经济产业园", "湘江食品有限公司"):
        assert ("林海峰", stop) in visited and ("青川市党政代表团", stop) in visited
    g = facts_of("县委书记周明远到白沙乡调研，实地察看了白沙乡卫生院和竹溪村文化礼堂。")
    assert g.pairs("VISITED") == {("周明远", s) for s in ("白沙乡", "白沙乡卫生院", "竹溪村文化礼堂")}


def test_a_short_form_that_stands_for_several_places_needs_the_article_to_name_one() -> None:
    f = facts_of("澜州市委书记韩立群率澜州市党政代表团来青考察。")
    assert not any(tail == "青海省" for _, tail in f.pairs("VISITED"))
    g = facts_of("南屿市党政代表团来青考察。青川市委书记林海峰会见了代表团一行。")
    assert ("南屿市党政代表团", "青川市") in g.pairs("VISITED")


def test_a_verb_inside_a_longer_word_is_not_an_action() -> None:
    # 考察团 and 检查站 hold a visit verb; neither is a visit of its own.
    f = facts_of("县委书记周明远到白沙乡调研。临溪区考察团一行参观了竹溪村防火检查站。")
    assert ("周明远", "白沙乡") in f.pairs("VISITED")
    assert all(not tail.startswith("团") for _, tail in f.pairs("VISITED"))


def test_a_bare_delegation_is_its_leaders_jurisdiction_and_members_who_join_are_not_visitors() -> None:
    f = facts_of(
        "6月2日，东陵县委副书记、县长宋雨桐率考察团来我市考察。东陵县副县长韩立波随团考察。"
        "市长苏文博陪同。考察团一行先后考察了石门镇和星河云计算有限公司。"
    )
    visited = f.pairs("VISITED")
    for stop in ("石门镇", "星河云计算有限公司"):
        assert ("宋雨桐", stop) in visited and ("东陵县考察团", stop) in visited
    assert not any(head == "韩立波" for head, _ in visited)
    assert f.pairs("ACCOMPANIED") == {("苏文博", "宋雨桐"), ("苏文博", "东陵县考察团")}


def test_credited_names_need_no_known_surname() -> None:
    text = "本报讯（通讯员 其木乐 郗 楠）5月9日，县委书记赖志城深入牧区调研。\n（达 来）"
    f = facts_of(text)
    people = {e.name for e in f.by_type("Person")}
    assert {"其木乐", "郗楠", "赖志城"} <= people
    assert "达来" not in people  # a signature line without a role needs a known surname


def test_minority_names_after_titles_in_lists_and_after_words_for_ordinary_people() -> None:
    text = (
        "5月9日，旗委书记巴图额尔德深入查干诺尔苏木调研。在宝音嘎查，巴图额尔德走进牧民斯·敖其尔的家庭牧场，"
        "与嘎查党支部书记其日格、驻村第一书记钮海等座谈。县领导艾合买提江·托合提、邝建、阿依古丽·热合曼参加座谈。"
        "县长阿卜杜热合曼·买合木提介绍情况。调研组还走进村民韦德文家。"
    )
    people = {e.name for e in facts_of(text).by_type("Person")}
    assert {
        "巴图额尔德",
        "斯·敖其尔",
        "其日格",
        "钮海",
        "艾合买提江·托合提",
        "邝建",
        "阿依古丽·热合曼",
        "阿卜杜热合曼·买合木提",
        "韦德文",
    } <= people
    assert not any(n.endswith(("参加座谈", "一行")) or n.startswith("他") for n in people)


def test_a_long_reading_after_a_title_yields_to_a_name_and_a_verb() -> None:
    people = {
        e.name
        for e in facts_of("市长程一帆一行来到园区。程一帆一行还考察了码头。副市长\n他指出，要抓好防火。").by_type(
            "Person"
        )
    }
    assert "程一帆一行" not in people and "他指出" not in people


def test_bare_bodies_stand_alone_and_take_the_place_printed_before_them() -> None:
    f = facts_of("赵文涛代表县委、县政府向秀澜市委、市政府和秀澜人民表示感谢。县委书记周立讲话。十四届县委召开会议。")
    orgs = set(f.names("Organization"))
    assert {"县委", "县政府", "秀澜市委", "秀澜市政府"} <= orgs
    assert not any(o.startswith(("赵文涛", "代表", "十四届")) or "向" in o for o in orgs)
    assert "向阳镇人民政府" in facts_of("向阳镇人民政府召开会议。").names("Organization")


def test_visit_stops_named_by_what_they_are_in_and_a_short_form_of_the_home_place() -> None:
    text = (
        "3月30日，宁夏梁源县县长马志强率考察团来浦，就协作项目进行考察交流。考察团一行先后来到设在穆坪社区的帮扶车间、"
        "县藏医院新院区和项目现场。"
    )
    pairs = facts_of(text).pairs("VISITED")
    assert ("马志强", "我市") in pairs  # resolved to the paper's home place later
    assert ("马志强", "穆坪社区") in pairs and ("马志强", "县藏医院") in pairs
    assert not any(t in ("帮扶车间", "项目现场", "项目", "县藏医院新院区") for _, t in pairs)


def test_a_leader_with_an_unnamed_entourage_and_a_visiting_group_word_from_the_lexicon() -> None:
    f = facts_of("5月13日，禾溪镇党委书记邱建文带领该镇班子成员一行16人来到淇头镇。考察组走进淇头镇智能家居产业园。")
    assert ("邱建文", "淇头镇智能家居产业园") in f.pairs("VISITED")
    g = facts_of("5月20日，清罗郡访问团一行来我市访问。访问期间，清罗郡访问团还参观了莱岫港。")
    assert "清罗郡访问团" in g.names("Organization")
    assert ("清罗郡访问团", "莱岫港") in g.pairs("VISITED")


def test_chained_signing_pairs_and_parties_read_from_the_agreements_name() -> None:
    f = facts_of("会上，东岙区金沙街道与播川县云屏镇、望江街道与翠坪镇、白沙镇与仁和乡签订乡镇结对协议。")
    assert f.pairs("SIGNED_AGREEMENT") == {("金沙街道", "云屏镇"), ("望江街道", "翠坪镇"), ("白沙镇", "仁和乡")}
    g = facts_of("会上，徐文韬与次旺多吉分别代表两地签订《秀澜市—措吉县2024年对口支援项目协议》。")
    assert g.pairs("SIGNED_AGREEMENT") == {("秀澜市", "措吉县")}
    h = facts_of("会上，汪启明与多布杰分别代表两地政府签署《澜沧市—扎曲县2025年对口支援协议》。")
    assert h.pairs("SIGNED_AGREEMENT") == {("澜沧市政府", "扎曲县政府")}  # the governments sign
    assert {"澜沧市政府", "扎曲县政府"} <= h.names("Organization")


def test_investment_signings_name_the_project_and_drop_where_they_signed() -> None:
    f = facts_of(
        "其中，恒昌集团和抚源高新区管委会签约智能家居产业园项目。蓉川市人民政府与中川建工集团股份有限公司在蓉川签署战略合作框架协议。"
    )
    pairs = f.pairs("SIGNED_AGREEMENT")
    assert ("恒昌集团", "抚源高新区管委会") in pairs
    assert ("蓉川市人民政府", "中川建工集团股份有限公司") in pairs
    agreements = {r.properties.get("agreement") for r in f.relations if r.type == "SIGNED_AGREEMENT"}
    assert "智能家居产业园项目" in agreements


def test_a_bare_meeting_is_the_one_held_not_the_one_relayed() -> None:
    f = facts_of(
        "4月8日上午，县长唐明祥主持召开党政联席会议，传达全市一季度经济形势分析会精神。县委副书记蒋建华等参加会议。"
    )
    assert ("蒋建华", "党政联席会议") in f.pairs("ATTENDED")
    assert not any(t == "全市一季度经济形势分析会" for _, t in f.pairs("ATTENDED"))


def test_event_names_with_verbs_and_joined_by_ji_and_meeting_words_inside_tokens() -> None:
    events = set(
        facts_of(
            "2月9日，湘浦市“三请三回”招商推介暨重大项目集中签约仪式在市会展中心举行。县政府召开党组扩大会议。"
        ).names("Event")
    )
    assert {"湘浦市“三请三回”招商推介暨重大项目集中签约仪式", "党组扩大会议"} <= events


def test_a_bare_group_word_means_the_led_party_of_that_kind_and_deputy_leaders_lead_too() -> None:
    text = (
        "以嘉澜市委书记上官明远为团长、市长钱思源为副团长的嘉澜市党政代表团来我市考察。"
        "代表团会见了澄川市援疆前方工作组。代表团一行先后来到瑞江陶瓷文化创意园和荷塘村。"
    )
    pairs = facts_of(text).pairs("VISITED")
    for visitor in ("上官明远", "钱思源", "嘉澜市党政代表团"):
        assert (visitor, "瑞江陶瓷文化创意园") in pairs
    assert not any(v == "澄川市援疆前方工作组" for v, _ in pairs)


def test_leaders_follow_you_and_stops_named_by_their_kind_are_not_places() -> None:
    text = (
        "区委书记周敏会见了由昌岗县委书记次仁多吉、县长格桑卓玛率领的昌岗县党政考察团一行。"
        "考察团先后走进香菇烘干车间和渝川区智能制造产业园。"
    )
    pairs = facts_of(text).pairs("VISITED")
    assert ("次仁多吉", "渝川区智能制造产业园") in pairs and ("昌岗县党政考察团", "渝川区智能制造产业园") in pairs
    assert not any(v == "周敏" for v, _ in pairs)
    assert not any(t == "香菇烘干车间" for _, t in pairs)
    assert "的昌岗县党政考察团" not in facts_of(text).names("Organization")


def test_given_names_with_he_xiang_wei_and_a_closing_credit_of_the_last_article() -> None:
    people = set(
        facts_of("市委副书记、市长谭志和致辞，市委副书记、市长彭向东主持开幕式，企业家代表蔡一鸣发言。").names("Person")
    )
    assert {"谭志和", "彭向东", "蔡一鸣"} <= people and "谭志" not in people
    assert not facts_of("本报讯（记者 郑雅芳 通讯员 县府办）6月18日，县长陈立主持会议。").names("Person") & {"县府办"}


def test_dictionary_names_need_no_context_and_recognized_names_must_not_be_phrases() -> None:
    f = facts_of("克林顿访问美国和浙江期间，谈及两国关系。做到改一片，成一片。各地应转尽转。")
    assert "克林顿" in f.names("Person")
    assert {"美国", "浙江"} <= set(f.names("Place"))
    assert not set(f.names("Person")) & {"成一片", "应转尽"}
    # a region, and a province printed only inside a title, are not places of their own
    g = facts_of("东南亚客商来访。浙江省委书记讲话。")
    assert not set(g.names("Place")) & {"东南亚", "浙江"}


def test_bodies_inside_titles_are_not_named_bodies_but_unit_institutions_are() -> None:
    f = facts_of("江苏省泓州市委副书记陈立新、县委常委、常务副县长钱奕和县住建局、县发改委负责人参加。")
    orgs = set(f.names("Organization"))
    assert {"县住建局", "县发改委"} <= orgs
    assert "常务" not in orgs
    held = {r.tail.split(":", 1)[1] for r in f.relations if r.type == "HOLDS_POSITION" and r.head.endswith("钱奕")}
    assert "县政府" in held
    named = [e for e in f.entities if e.name == "江苏省泓州市委" and e.properties.get("source") != "title"]
    assert not named


def test_members_who_join_a_visit_are_not_whom_hosts_accompany() -> None:
    text = (
        "5月20日，市委书记林正屹率明浦市党政代表团赴贵州省考察。市委副书记、市长司马德华参加考察。"
        "在黔期间，副省长吕宏涛陪同考察。代表团走进县第二人民医院远程会诊中心。"
    )
    f = facts_of(text)
    accompanied = f.pairs("ACCOMPANIED")
    assert ("吕宏涛", "林正屹") in accompanied and ("吕宏涛", "明浦市党政代表团") in accompanied
    assert not any(t == "司马德华" for _, t in accompanied)
    assert ("明浦市党政代表团", "县第二人民医院") in f.pairs("VISITED")


def test_a_place_printed_only_inside_a_title_is_not_a_place_of_its_own() -> None:
    places = set(facts_of("广东省澜海市榕湾镇党委书记何嘉伟率榕湾镇党政代表团来我县考察。").names("Place"))
    assert not places & {"广东省", "澜海市"}
    assert "澜海市" in facts_of("澜海市委书记讲话。他说，澜海市将加大投入。").names("Place")


def test_venues_datelines_and_departments_in_titles() -> None:
    f = facts_of(
        "穆溪县融媒体中心讯 5月9日，推介会在抚源国际会展中心举行。旗委常委、组织部部长韩晓东，"
        "县交警大队大队长邝明出席。云屏镇茶旅融合示范点和县第二人民医院负责人发言。"
    )
    orgs = {e.name for e in f.entities if e.type == "Organization" and e.properties.get("source") != "title"}
    assert "穆溪县融媒体中心" not in orgs and "抚源国际会展中心" not in orgs
    assert "组织部" not in orgs and "县交警大队大" not in orgs
    assert "县第二人民医院" in orgs and not any("示范点和" in o for o in orgs)
    assert "抚源国际会展中心" in f.names("Place")


def test_a_delegation_led_by_someone_named_after_it_and_stops_with_their_kind_after_deng() -> None:
    text = (
        "5月25日，且兰县党政考察团一行来到我市。考察团由且兰县委书记贺建川带队。"
        "考察团先后来到曹湾新区、唐岭陶瓷文化产业园和金沙河国家森林公园等景区。"
    )
    pairs = facts_of(text).pairs("VISITED")
    assert ("贺建川", "曹湾新区") in pairs and ("且兰县党政考察团", "金沙河国家森林公园") in pairs
    assert not any(t.endswith("等景区") for _, t in pairs)


def test_event_names_keep_a_bracketed_word_and_lose_a_leading_date() -> None:
    events = set(
        facts_of(
            "5月24日，县委书记卢靖宇主持召开县委常委会（扩大）会议。24日政协乌兰塔拉旗常务委员会第八次会议召开。"
        ).names("Event")
    )
    assert "县委常委会（扩大）会议" in events
    assert not any(e.startswith("24日") for e in events)


def test_every_leader_of_a_comma_list_leads_the_delegation_named_again_later() -> None:
    f = facts_of(
        "6月17日下午，柘塘市委书记邬启明，市委副书记、市长骆文川率领柘塘市党政考察团抵达我市。"
        "据悉，柘塘市党政考察团还将前往桐湾区参观考察岚峰木业有限公司。"
    )
    for leader in ("邬启明", "骆文川"):
        assert (leader, "岚峰木业有限公司") in f.pairs("VISITED")
    assert ("柘塘市党政考察团", "岚峰木业有限公司") in f.pairs("VISITED")


def test_a_team_led_to_the_county_is_named_when_the_article_calls_it_a_team() -> None:
    f = facts_of(
        "4月9日，蒿川市政协副主席、芦溪县县长钱立本带队来我县对接协作项目。"
        "考察团一行先后走进碧禾农业开发有限公司、苇塘镇现代农业产业园。"
    )
    visited = f.pairs("VISITED")
    assert ("钱立本", "我市") in visited or any(h == "钱立本" and t.endswith("县") for h, t in visited)
    assert ("芦溪县考察团", "碧禾农业开发有限公司") in visited
    assert ("钱立本", "苇塘镇现代农业产业园") in visited
    assert not any(h.startswith("蒿川市") for h, _ in visited)


def test_a_stop_that_says_what_a_place_holds_is_the_place_it_is_in() -> None:
    f = facts_of("考察团一行在郑安澜带领下先后来到东岚坂镇石斛种植基地、赤枫乡古堡村和高原果蔬大棚基地。")
    visited = {t for h, t in f.pairs("VISITED") if h == "郑安澜"}
    assert visited == {"东岚坂镇", "古堡村"}
    assert "高原果蔬大棚基地" not in {e.name for e in f.by_type("Place")}


def test_guests_of_a_courtesy_call_written_as_real_papers_write_them() -> None:
    # a delegation led by someone: the delegation is a guest, with its leader
    f = facts_of("7月9日，州委书记石青峰在州府会见了由鹿湖市委书记裘文远率领的鹿湖市党政代表团一行。")
    assert {("石青峰", "鹿湖市党政代表团"), ("石青峰", "裘文远")} <= f.pairs("MET")
    # a comma inside the guest's title chain
    f = facts_of("市委书记史云海会见了中鼎建工集团有限公司党委书记，董事长郦远航一行。")
    assert ("史云海", "郦远航") in f.pairs("MET")
    # 与考察团见面, and companions who 见面，并陪同 share the subjects
    f = facts_of("北岭市党政考察团抵达我市。市委书记杨一川，市长邵文清等在松岭宾馆与考察团见面，并陪同观看了专题片。")
    assert {("杨一川", "北岭市党政考察团"), ("邵文清", "北岭市党政考察团")} <= f.pairs("MET")
    assert ("邵文清", "北岭市党政考察团") in f.pairs("ACCOMPANIED")
    # an unnamed group of guests named in the next sentence
    f = facts_of("1月18日，市委书记司马云，市长郗长风会见出席会议的港澳委员。陈家明、黎晓峰、冼国强等委员踊跃发言。")
    assert {("司马云", "黎晓峰"), ("郗长风", "冼国强")} <= f.pairs("MET")
    assert not facts_of("市长郗长风会见出席会议的港澳委员。会议要求各地抓好落实。").pairs("MET")
    assert not facts_of("市委书记杨一川出席见面会。").pairs("MET")


def test_a_destination_in_the_clause_before_the_visit_verb() -> None:
    f = facts_of("8月14日，泓州市市长陈立新率泓州市党政代表团到澜州市，实地考察对口支援工作。")
    assert {("陈立新", "澜州市"), ("泓州市党政代表团", "澜州市")} <= f.pairs("VISITED")
    f = facts_of("8月14日，市长陈立新到澜州市，看望慰问援疆干部。")  # no visit verb after the comma
    assert not f.pairs("VISITED")


def test_a_team_led_to_a_place_is_named_by_its_leaders_county_and_visits_it() -> None:
    f = facts_of(
        "8月27日，新疆维吾尔自治区阔岭县委副书记、县长艾山·吐尔洪带领考察团来澜州市，对接援疆工作。"
        "考察团先后来到澜州市纺织服装产业园。"
    )
    assert {("阔岭县考察团", "澜州市"), ("艾山·吐尔洪", "澜州市"), ("阔岭县考察团", "澜州市纺织服装产业园")} <= f.pairs(
        "VISITED"
    )
    f = facts_of("5月22日，祁峪县委书记冯启山，县委副书记、县长柴云舒带领党政考察团来秦原县参观考察特色产业。")
    assert {("祁峪县党政考察团", "秦原县"), ("柴云舒", "秦原县")} <= f.pairs("VISITED")


def test_both_sides_of_talks_attended_them() -> None:
    f = facts_of(
        "7月9日，州委书记石青峰在州府会见了由鹿湖市委书记裘文远率领的鹿湖市党政代表团一行。"
        "双方举行会谈，就深化对口支援工作进行了深入交流。"
    )
    assert {("石青峰", "会谈"), ("裘文远", "会谈")} <= f.pairs("ATTENDED")
    f = facts_of("县委书记刘立国会见南屿市委书记罗继成一行并举行座谈。")
    assert {("刘立国", "座谈"), ("罗继成", "座谈")} <= f.pairs("ATTENDED")
    f = facts_of("在嘎查党群服务中心，苏木党委书记包立新与嘎查党支部书记其木格、驻村第一书记王立磊等座谈。")
    assert {("包立新", "座谈"), ("其木格", "座谈"), ("王立磊", "座谈")} <= f.pairs("ATTENDED")
    assert not facts_of("双方举行会谈，就深化合作进行了交流。").pairs("ATTENDED")  # no sides named


def test_an_organization_keeps_the_front_of_its_place_that_hanlp_cut_off() -> None:
    # HanLP reads 鹂/x 湾技师学院/nt and 岷禾/nr 县绿塬农产品有限公司/nt
    names = facts_of("考察团来到鹂湾技师学院和岷禾县绿塬农产品有限公司。").names("Organization")
    assert {"鹂湾技师学院", "岷禾县绿塬农产品有限公司"} <= names
    assert not {"湾技师学院", "县绿塬农产品有限公司"} & names


def test_both_sides_of_a_visits_signing_and_a_signed_plan() -> None:
    f = facts_of("区委书记罗清扬率南岭区党政代表团赴浙江省瓯岑市临澈区考察。考察期间，双方签署深化东西部协作框架协议。")
    assert f.pairs("SIGNED_AGREEMENT") & {("南岭区", "临澈区"), ("临澈区", "南岭区")}
    f = facts_of("蔺港市党政代表团来砾源市考察。会谈中，双方签署了《蔺港市—砾源市2024年度对口合作工作计划》。")
    pairs = f.pairs("SIGNED_AGREEMENT")
    assert pairs & {("蔺港市", "砾源市"), ("砾源市", "蔺港市")}


def test_a_place_of_the_article_and_the_next_words_first_character_are_no_person() -> None:
    text = "市委书记史云海会见了郦远航一行。他说，集团多年来参与了白江多条干线公路的建设，为白江市发展作出了贡献。"
    names = facts_of(text).names("Person")
    assert "白江多" not in names and {"史云海", "郦远航"} <= names


def test_stops_of_a_tour_written_as_real_papers_write_them() -> None:
    f = facts_of(
        "槐屿区委书记邹立航率槐屿区党政代表团来岷禾县考察。随后，大家先后走进岷禾县绿塬农产品有限公司、"
        "上塬坪村“槐岷”帮扶车间和县职业教育中心，对冷链很感兴趣。"
    )
    assert {("槐屿区党政代表团", "上塬坪村"), ("邹立航", "县职业教育中心")} <= f.pairs("VISITED")
    f = facts_of(
        "白桦市党政考察团来松岚市考察。考察团计划前往红松岭区参观考察兴林板业有限公司；碧溪湿地公园，松岚博物馆。"
    )
    assert {("白桦市党政考察团", "碧溪湿地公园"), ("白桦市党政考察团", "松岚博物馆")} <= f.pairs("VISITED")
    f = facts_of("清罗郡访问团来莱岫市访问。访问期间，清罗郡访问团还参观了莱岫港和莱岫经济开发区部分企业。")
    assert ("清罗郡访问团", "莱岫经济开发区") in f.pairs("VISITED")


def test_an_institution_named_only_by_its_kind_is_none_unless_hanlp_cut_its_name_off() -> None:
    names = facts_of("他先后来到人民医院、科技有限公司和第二中学。").names("Organization")
    assert not {"人民医院", "科技有限公司", "第二中学"} & names
    names = facts_of("他走访了溟江天曜化工有限公司，察看了生产线。").names("Organization")
    assert "溟江天曜化工有限公司" in names  # HanLP reads 溟/ng 江天曜/nr 化工有限公司/nt


def test_long_names_without_a_surname_between_a_title_and_a_list_mark() -> None:
    names = facts_of("旗委副书记，政府旗长乌云其木格，旗人大常委会主任图门巴雅尔，旗政协主席韩德胜出席。").names(
        "Person"
    )
    assert {"乌云其木格", "图门巴雅尔", "韩德胜"} <= names
    assert not {n for n in names if "出席" in n or "致辞" in n}


def test_an_organization_whose_front_hanlp_cut_apart_keeps_its_whole_name() -> None:
    f = facts_of("座谈会上，柏楞源粮油有限公司董事长萧立群作了发言。考察组随后走进华钧精锻机械有限公司。")
    orgs = f.names("Organization")
    assert {"柏楞源粮油有限公司", "华钧精锻机械有限公司"} <= orgs
    assert not {n for n in orgs if n in ("源粮油有限公司", "锻机械有限公司")}
    people = {e.name: e.titles for e in f.by_type("Person")}
    assert people["萧立群"] == ("柏楞源粮油有限公司董事长",)
    assert "华钧精" not in people  # the front of the company's name, not a person


def test_words_that_end_like_an_organization_but_are_not_one() -> None:
    f = facts_of(
        "他要求，对能马上办的事情立即办理，推行一件事来办。几年来，这里建起了一所所学校和卫生院，"
        "产地集配中心也投入使用。公司总经理贺明川介绍了情况。市委办、县环境整治办负责落实。"
    )
    orgs = f.names("Organization")
    assert not orgs & {"能马上办", "对能马上办", "事来办", "件事来办", "所所学校", "配中心", "公司"}
    assert {"市委办", "县环境整治办"} <= orgs


def test_talks_named_by_the_paper_are_the_event_later_bare_mentions_refer_to() -> None:
    f = facts_of(
        "11月5日下午，苴源县委书记罗明富带领苴源县党政代表团来我市，两地在市委会议中心举行东西部协作会谈。"
        "市委书记楼振岗，市委副书记、市长金亦成参加会谈。会谈前，双方签署了《两地东西部协作会谈纪要》。"
    )
    attended = f.pairs("ATTENDED")
    assert {("楼振岗", "东西部协作会谈"), ("金亦成", "东西部协作会谈")} <= attended
    assert not {e for _, e in attended} & {"会谈", "两地东西部协作会谈"}
    assert not {n for n in f.names("Event") if n.endswith("纪要")}


def test_a_forum_chaired_inside_an_expo_is_the_forums() -> None:
    f = facts_of(
        "5月8日，第三届岚澄国际竹产业博览会开幕。当天下午，2024岚澄竹产业发展论坛在会展中心举行。"
        "论坛由市林业局局长黎文海主持。本届博览会为期三天。"
    )
    assert f.pairs("CHAIRED") == {("黎文海", "2024岚澄竹产业发展论坛")}
