"""A generator of fictional city-daily articles for scale tests (`python -m bench.corpus N DIR`).

Articles reuse a fixed cast of people, towns and organizations, as a real archive does, so the graph
grows dense rather than wide. Each has a headline, a byline, a lead with the fact (a meeting chaired,
towns signing agreements, a visit) and then paragraphs of ordinary prose from the phrase banks below,
mostly without names, as in real papers: 300–1,300 characters, about 650 on average. Everything is
invented and seeded: the same N and seed give a byte-identical corpus on every machine.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "海峰立民雅琴嘉禾晓燕文博思远明轩韵秋振东志刚雨桐继成泽民一鸣小溪婉清静怡明哲国华建平秀梅志国长河鹤年文涛晓岚云飞青青"
CITIES = ["青川", "南屿", "澜州", "桐岭", "雪峰", "鹿港", "塔依", "柳塘"]
DISTRICTS = ["临溪区", "海澄区", "东陵县", "澜江区", "鹿港区", "柳塘县", "桐岭县", "雪峰县"]
TOWNS = [
    "石门镇",
    "白沙乡",
    "云岭街道",
    "枫桥街道",
    "鹭洲镇",
    "潮音乡",
    "沙湾街道",
    "溪口镇",
    "渔湾镇",
    "青屿乡",
    "港南街道",
    "柳岸街道",
    "竹溪乡",
    "松涛镇",
    "梅林街道",
    "龙泉镇",
]
SITES = [
    "数字经济产业园",
    "高山蔬菜基地",
    "共富工坊",
    "智能制造产业园",
    "集装箱码头",
    "茶叶专业合作社",
    "科技园孵化基地",
    "人民医院",
    "职业技术学校",
    "物流园",
]
COMPANIES = [
    "清源科技有限公司",
    "青川精工机械股份有限公司",
    "星河云计算有限公司",
    "启明智能科技有限公司",
    "青川农业发展集团有限公司",
    "南屿港集团",
]
TOPICS = [
    "经济运行分析会",
    "优化营商环境大会",
    "山海协作联席会议",
    "乡村振兴工作推进会",
    "安全生产工作会议",
    "招商引资工作会议",
    "民营企业家座谈会",
    "人才工作会议",
    "防汛防台工作部署会",
]
AGREEMENTS = ["结对协议", "山海协作产业飞地共建协议", "战略合作协议", "劳务协作协议", "农产品产销对接协议"]

# Phrase banks (invented), "|"-separated; Prose.fill() draws every {slot} afresh.
STRESS = """坚持项目为王，盯紧重大项目开工投产的时间节点|强化要素保障，千方百计破解用地、用能、资金难题|深化审批制度改革，让企业办事少跑腿、好办事|抓好稳岗就业，做好高校毕业生和返乡人员就业服务|
持续扩大有效投资，谋划储备一批打基础、利长远的好项目|着力提振消费，办好夜间经济和各类促消费活动|紧盯薄弱环节，逐项分析落后指标的原因，拿出管用的举措|压紧压实安全生产责任，对重点行业开展拉网式排查|
守牢耕地保护红线，稳定粮食播种面积和产量|做强主导产业，推动产业链上下游协同发展|加大科技投入，支持企业建设研发中心|用好山海协作平台，拓展飞地经济的合作空间|改进干部作风，多到一线解决问题|
加强基层党组织建设，把党建优势转化为发展优势|盯住民生实事，让群众看到变化、得到实惠|提升城市品质，加快老旧小区改造和背街小巷整治|抓好河湖长制，守护好一方碧水|统筹好发展和安全，防范化解各类风险隐患|
把招商引资作为“一号工程”，精准对接头部企业|做好企业服务，及时回应企业诉求|推动数字化改革，打通数据共享的堵点|加快补齐教育、医疗等公共服务短板|做深做实“千名干部联千企”活动，帮助企业稳订单、拓市场|
强化人才支撑，落实好人才引进和培育的各项政策|倒排工期、挂图作战，每月晾晒工作进度|坚持因地制宜，做好山区特色产业这篇文章|壮大村集体经济，带动农户就近就业增收|抓好防汛备汛，提前转移危险区域群众|
办好民生实事项目，确保按时保质完成|优化营商环境，对各类市场主体一视同仁|推动文旅融合，把好山好水转化为发展优势|抓好重点人群帮扶，防止出现规模性返贫|加强农产品品牌建设，拓宽线上线下销售渠道|
强化督查考核，以实绩论英雄|完善协作机制，推动更多合作项目落地见效|加快交通基础设施建设，构建便捷高效的综合交通网|严格落实食品药品安全监管，守护群众“舌尖上的安全”|推进垃圾分类和污水治理，改善城乡人居环境|
做好政策宣传解读，让惠企政策直达快享|关心关爱一线职工，及时解决他们的实际困难|加强港口物流建设，提升开放型经济水平|压实属地责任，确保各项工作不留死角""".replace(
    "\n", ""
).split("|")
ASSESS = """今年以来全市上下攻坚克难，经济运行总体平稳、稳中有进|当前发展面临的外部环境依然复杂，企业订单不足、有效投资偏弱等问题仍然存在|各地各部门认真落实年初部署，多项指标好于预期|
重点项目推进总体顺利，但个别项目进度滞后|工业生产保持增长，新兴产业成为新的增长点|消费市场逐步回暖，文旅消费热度持续走高|部分企业用工紧张、融资成本偏高，需要下大力气解决|
全市营商环境持续改善，市场主体活力不断增强|农业农村工作稳步推进，农民收入保持较快增长|安全生产形势总体平稳，但隐患排查治理仍有短板|招商引资取得积极进展，一批优质项目签约落地|各级干部干事创业的精气神明显提升|
山区县与沿海地区的协作日益紧密，成果惠及更多群众|人才引育工作成效明显，人才总量稳步增长|防汛形势不容乐观，必须时刻绷紧防灾减灾这根弦|城市建设管理水平不断提升，群众获得感进一步增强|
外贸进出口承压，稳外贸的任务依然艰巨|民营经济是全市发展的重要力量，要为企业发展创造更好环境|乡村振兴各项重点任务有序推进，示范村建设初见成效|科技创新对产业升级的支撑作用日益明显|
一些地方抓落实的力度层层递减，必须切实加以改进|房地产市场仍在调整之中，对相关行业的影响不容忽视|数字经济保持较快增长，成为拉动经济的重要引擎|基层治理能力持续提升，社会大局和谐稳定|
港口物流优势进一步显现，开放型经济水平稳步提高|生态环境质量持续向好，绿色发展底色更加鲜明|小微企业经营压力依然较大，惠企政策还要再加力|群众反映强烈的一些民生难题得到有效解决|
项目储备不足仍是制约发展的突出短板|教育、医疗、养老等公共服务供给持续改善|文旅市场加快复苏，节假日游客数量创下新高""".replace(
    "\n", ""
).split("|")
METRICS = """规上工业增加值同比增长{pct}%|完成固定资产投资{yi}亿元，同比增长{pct}%|社会消费品零售总额同比增长{pct}%|外贸进出口总额达{yi}亿元|新增市场主体{num}户|
农村居民人均可支配收入同比增长{pct}%|城镇居民人均可支配收入同比增长{pct2}%|一般公共预算收入同比增长{pct}%|实际利用外资同比增长{pct}%|新签约亿元以上项目{num2}个|
新开工重点项目{num2}个，完成年度计划的{pct3}%|高新技术产业投资同比增长{pct}%|接待游客{yi}万人次，同比增长{pct}%|城镇新增就业{num}人|新认定科技型中小企业{num2}家|
数字经济核心产业增加值同比增长{pct}%|村级集体经济收入全部超过{num2}万元|空气质量优良天数比例达{pct3}%|粮食播种面积稳定在{num2}万亩以上|新建改建农村公路{num2}公里|
引进各类人才{num}名|港口货物吞吐量同比增长{pct}%|服务业增加值同比增长{pct2}%|民间投资同比增长{pct}%|工业用电量同比增长{pct}%|网络零售额同比增长{pct}%|
企业研发投入同比增长{pct2}%|完成老旧小区改造{num2}个|新增高新技术企业{num2}家|出口总额同比增长{pct}%|金融机构各项贷款余额同比增长{pct2}%|旅游总收入达{yi}亿元|
新建共富工坊{num2}家，带动就业{num}人""".replace("\n", "").split("|")
BACKGROUND = """据了解，{site}于{year}年启动建设，总投资约{yi}亿元，目前已有{num2}家企业入驻|{town}地处山区，过去交通不便，近年来依托特色产业走出了一条致富路|
这一项目是今年全市重点建设项目之一，建成后预计年产值可达{yi}亿元|近年来，{county}以项目为抓手，引进了一批科技含量高、带动能力强的企业|目前，{site}二期工程正在加紧建设，预计明年上半年投入使用|
{town}共有耕地{num}亩，茶叶、高山蔬菜和中药材是当地的三大主导产业|{town}茶叶专业合作社成立于{year}年，现有社员{num2}0余户，去年社员户均增收{num3}元|
据介绍，{site}采用“龙头企业+合作社+农户”的模式，带动周边群众就近就业|为破解用工难题，{county}与多所职业院校建立了订单式培养机制|
两地结对以来，已累计实施协作项目{num2}个，到位资金{yi}亿元|去年以来，{county}共有{num2}家企业完成数字化改造，生产效率平均提高{pct}%|
{site}所在区域原是一片荒滩，经过几年的开发建设，如今已是厂房林立|{town}的共富工坊主要承接服装加工、电子元件组装等来料加工业务，让留守妇女在家门口就能挣钱|
据统计，全市已建成各类产业平台{num2}个|这里出产的高山蔬菜品质好、上市早，远销上海、杭州等地|为加快项目建设，{county}实行“一个项目、一名领导、一个专班”的推进机制|
{site}建成投用以来，累计服务群众{num}人次|近年来，{town}持续推进人居环境整治，村容村貌焕然一新，吸引了不少游客前来观光|按照计划，{site}将于{month}月底前完成主体工程建设|
该项目采用了先进的智能化生产线，用工数量比传统工厂减少近一半|{county}是全市的农业大县，常年种植茶叶{num2}万亩|{town}临江靠海，渔业和港口物流是当地的传统产业|
{site}去年实现营业收入{yi}亿元，纳税{num2}00余万元|为方便群众办事，{county}在每个村都设立了代办点，群众办事不出村|{town}去年引进返乡创业项目{num2}个，吸引了一批年轻人回乡|
近两年，{county}累计投入{yi}亿元用于山区道路和供水设施改造|{site}现有员工{num}余人，其中本地员工占七成以上|据测算，项目全部达产后，每年可为村集体增收{num2}万元|
{town}的民宿从无到有，如今已发展到{num2}家，旺季一房难求|这条生产线从设计到投产只用了{num2}个月，创下了当地的新纪录|为留住人才，{county}为新引进的大学生提供免费人才公寓""".replace(
    "\n", ""
).split("|")
DETAIL = """在{site}，{who}走进生产车间，察看生产线运行情况，详细询问企业订单、用工和研发投入等情况|在{town}，{who}沿着田间小路察看作物长势，与种植户拉家常、算收入账|
每到一处，{who}都仔细察看、认真询问，与基层干部群众深入交流|在{site}项目建设现场，{who}察看工程进度，了解项目推进中遇到的困难|
在{town}便民服务中心，{who}详细了解群众办事流程，并与窗口工作人员交谈|在{site}展厅，{who}听取了产品研发和市场开拓情况介绍|
在{town}，{who}走进农户家中，询问家庭收入、子女上学和看病就医等情况|{who}一行还察看了{town}河道整治和美丽乡村建设情况|
在{site}的实验室里，{who}与科研人员交流，鼓励他们瞄准关键技术攻关|在{town}的老旧小区改造现场，{who}察看管网改造和加装电梯进展|
在{site}的码头上，{who}察看货物装卸作业，了解航线开通和物流成本等情况|在{town}的民宿集聚区，{who}与经营户交流，询问客源和经营收入情况""".replace(
    "\n", ""
).split("|")
QUOTES = """现在在家门口就能上班，一个月能挣四五千元，还能照顾老人孩子|今年行情不错，订单已经排到下半年了|以前路不好走，菜运不出去，现在公路修到了地头，收购商直接上门|
政府帮我们对接了销售渠道，心里踏实多了|厂里新上了智能生产线，我们操作工也要跟着学新技术|村里的环境一年比一年好，周末来玩的人越来越多|贷款审批比以前快多了，一周就办下来了|
我们准备再扩大种植面积，明年争取多种{num2}亩|孩子在镇上读书，学校条件和城里差不多|有了合作社统一收购，我们不愁卖了|项目落地后，企业用地、用电的问题都有专人帮忙协调|
希望政府继续支持，让我们的产品走得更远|老房子改造后住着舒服多了，下楼也方便了|在外面打工这么多年，还是回来创业踏实|民宿开起来以后，家里一年多了好几万元收入|我们的茶叶通过直播卖到了全国各地|
以前看病要跑到城里，现在镇上就能看专家门诊|干部经常上门来问我们有什么困难，有事找他们很方便""".replace("\n", "").split(
    "|"
)
SPEAKERS = "在{site}上班的村民老{sur}|种植户{sur}大姐|{town}村民{sur}师傅|企业负责人{sur}先生|合作社社员老{sur}|返乡创业的青年小{sur}|一名姓{sur}的工人|{town}的民宿经营户{sur}女士".split(
    "|"
)
CLOSE_MEET = """会议还对近期其他重点工作作了安排|会议以视频形式开到各县（市、区）|各县（市、区）和市直有关部门主要负责人在分会场参加会议|会后，与会人员还实地察看了部分重点项目|
与会人员纷纷表示，将把会议精神迅速传达到基层，抓好贯彻落实|目前，相关工作正在有序推进中|据了解，全市将以此次会议为契机，掀起新一轮项目建设热潮|会议还通报了上一阶段重点工作督查情况|
会上还为一批先进集体和个人颁发了奖牌|会议书面印发了有关工作方案，要求各地结合实际抓好落实|据悉，市里将每季度召开一次此类会议，专题研究解决突出问题""".replace(
    "\n", ""
).split("|")
CLOSE_SIGN = """活动现场，两地还举行了农特产品展销|据悉，两地将定期召开联席会议，及时协调解决合作中的问题|接下来，两地还将联合举办人才招聘会和旅游推介会|此次签约标志着两地合作迈上新台阶|
两地有关部门和镇街负责人参加会议|会后，双方还就下一步合作事项进行了深入交流|据了解，今年两地还将互派{num2}名干部挂职锻炼|活动期间，两地企业还进行了项目对接洽谈""".replace(
    "\n", ""
).split("|")
CLOSE_VISIT = """下一步，{county}将继续加大工作力度，确保各项目标任务按期完成|调研期间，还召开了座谈会，听取当地干部群众的意见建议|大家表示，一定把领导的关心化为干劲，把日子过得更红火|
当地干部群众表示，要抓住机遇，加快发展|市直有关部门负责人陪同参加相关活动|据悉，{county}今年计划再实施民生实事项目{num2}个|调研结束时，天色已晚，不少群众仍围着调研组反映情况|
当地干部表示，将对照调研中指出的问题逐项抓好整改""".replace("\n", "").split("|")
COOP = """根据协议，双方将在产业共建、乡村振兴、人才交流、文旅融合等方面开展全方位合作|两地山水相连、人文相亲，合作基础深厚、前景广阔|双方表示，将以此次签约为新起点，推动协作项目早落地、早见效|
按照约定，结对镇街将每年互派干部挂职，开展农产品进城和劳务输出对接|会议回顾了两地上一年度协作工作情况，研究部署了今年的重点任务|双方一致认为，飞地经济是山海协作的重要抓手，要加快推进飞地项目招引|
据介绍，过去一年两地共引导{num2}家企业开展合作，帮助山区群众实现就业{num}人|会上还播放了两地协作成果宣传片|双方将建立常态化沟通机制，每季度会商一次合作事项|
今年，两地计划共同实施协作项目{num2}个，总投资{yi}亿元|两地将共建农产品直供基地，让山区的好产品进入城市的大市场|双方还将在教育、医疗领域开展结对帮扶，推动优质资源共享""".replace(
    "\n", ""
).split("|")
SECOND = """{company}负责人{name}介绍，企业今年新增了两条生产线，1至{month}月产值同比增长{pct}%|
{county}委书记{name}表示，将不折不扣抓好落实，以实际行动交出满意答卷|{name}是{town}的致富带头人，带动周边{num2}户农户一起发展|
{company}在{county}的项目总投资{yi}亿元，投产后可新增就业岗位{num}个|{town}党委书记{name}告诉记者，镇里正在谋划建设第二个共富工坊|
{company}董事长{name}说，企业将继续加大在当地的投资，明年再上一个新项目|{company}去年在{town}建成了分厂，吸纳当地劳动力{num2}0余人|
{county}主要负责人{name}介绍，当地已将这一项目列入今年的重点工程清单""".replace("\n", "").split("|")


class Cast:
    """A stable population of people with offices."""

    def __init__(self, rng: random.Random, size: int = 400) -> None:
        names: set[str] = set()
        while len(names) < size:
            names.add(rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))))
        self.people = sorted(names)
        self.rng = rng

    def some(self, k: int) -> list[str]:
        return self.rng.sample(self.people, k)


class Prose:
    """Body paragraphs from the phrase banks, on a random stream of their own: the leads stay as before."""

    def __init__(self, rng: random.Random, cast: Cast) -> None:
        self.rng, self.cast = rng, cast

    def fill(self, template: str, **extra: str) -> str:
        r = self.rng
        slots = dict(
            town=r.choice(TOWNS),
            county=r.choice(DISTRICTS),
            site=r.choice(SITES),
            sur=r.choice(SURNAMES),
            company=r.choice(COMPANIES),
            name=r.choice(self.cast.people),
            yi=f"{r.uniform(2, 180):.1f}",
            pct=f"{r.uniform(1.5, 25):.1f}",
            pct2=f"{r.uniform(3, 9):.1f}",
            pct3=f"{r.uniform(85, 98):.1f}",
            num=str(r.randint(12, 90) * 100),
            num2=str(r.randint(3, 60)),
            num3=str(r.randint(20, 90) * 100),
            year=str(r.randint(2012, 2019)),
            month=str(r.randint(3, 11)),
        )
        return template.format(**{**slots, **extra})

    def pick(self, bank: list[str], k: int = 1, **extra: str) -> list[str]:
        return [self.fill(t, **extra) for t in self.rng.sample(bank, k)]

    def stressed(self, who: str) -> str:
        verb = self.rng.choice(("强调", "强调", "要求"))
        return f"{who}{verb}，要" + "；要".join(self.pick(STRESS, self.rng.randint(3, 5))) + "。"

    def figures(self) -> str:
        opener = self.rng.choice(("今年以来，全{s}", "1至{m}月，全{s}", "数据显示，今年前{m}个月全{s}", "去年，全{s}"))
        head = opener.format(s=self.rng.choice("市县区"), m=self.rng.randint(2, 10))
        return head + "，".join(self.pick(METRICS, self.rng.randint(3, 5))) + "。"

    def reaction(self) -> str:
        return f"“{self.pick(QUOTES)[0]}。”{self.pick(SPEAKERS)[0]}说。"

    def say(self, bank: list[str], lo: int = 1, hi: int = 0, **extra: str) -> str:
        """lo to hi (or just lo) sentences from a bank."""
        return "。".join(self.pick(bank, self.rng.randint(lo, max(lo, hi)), **extra)) + "。"

    def body(self, paragraphs: list[str]) -> list[str]:
        """Some of the paragraphs, in order (a few briefs, a few long features), 1 in 4 naming someone."""
        roll = self.rng.random()
        k = 3 if roll < 0.1 else len(paragraphs) if roll < 0.3 else self.rng.randint(4, min(6, len(paragraphs)))
        keep = sorted(self.rng.sample(range(len(paragraphs)), k))
        chosen = [paragraphs[i] for i in keep]
        if 0.1 <= roll < 0.2:
            chosen.insert(len(chosen) - 1, self.figures() + self.say(BACKGROUND, 2))
        if self.rng.random() < 0.25:
            chosen.insert(self.rng.randint(1, len(chosen)), self.say(SECOND, 1))
        return chosen


def _meeting(rng: random.Random, cast: Cast, city: str, day: date, prose: Prose) -> str:
    chair, *others = cast.some(rng.randint(4, 7))
    topic = rng.choice(TOPICS)
    body = prose.body(
        [
            "会上，市发展改革委、市统计局等部门分别作了汇报。" + prose.say(ASSESS, 2) + prose.figures(),
            "会议指出，" + "，".join(prose.pick(ASSESS, 2)) + "。" + prose.figures(),
            f"{chair}指出，" + prose.say(ASSESS, 1) + prose.stressed("他"),
            "会议要求，各地各部门要" + "；要".join(prose.pick(STRESS, prose.rng.randint(2, 3))) + "。",
            prose.figures() + prose.say(BACKGROUND, 1, 2),
            prose.reaction() + prose.say(BACKGROUND, 1, 2),
            prose.say(CLOSE_MEET, 1, 2),
        ]
    )
    return (
        "\n\n".join(
            [
                f"{chair}主持召开全市{topic}",
                f"▢ 全媒体记者 {cast.some(1)[0]}",
                f"本报讯 {day.month}月{day.day}日上午，市委书记{chair}主持召开全市{topic}，"
                f"听取各地各部门工作情况汇报，部署下一阶段重点工作。",
                f"市领导{'、'.join(others)}等参加会议。",
                f"{chair}强调，要坚持稳中求进，抓项目、稳工业、促消费，确保全年目标任务顺利完成。"
                f"{rng.choice(DISTRICTS)}、{rng.choice(DISTRICTS)}作交流发言。",
                *body,
            ]
        )
        + "\n"
    )


def _signing(rng: random.Random, cast: Cast, city: str, day: date, prose: Prose) -> str:
    left, right = rng.sample(TOWNS, 6)[:3], rng.sample(TOWNS, 6)[3:]
    leaders = cast.some(4)
    other = rng.choice([c for c in CITIES if c != city])
    body = prose.body(
        [
            prose.say(COOP, 2) + prose.say(ASSESS, 1),
            f"{other}方面对两地多年来的协作成果给予充分肯定。" + prose.say(COOP, 1) + prose.say(ASSESS, 1),
            f"我市主要领导代表市委、市政府向{other}客人表示欢迎。" + prose.stressed("他"),
            prose.say(BACKGROUND, 1, 2) + prose.figures(),
            "会前，两地代表团一行实地考察。" + prose.say(DETAIL, 1, who="代表团") + prose.say(BACKGROUND, 1),
            prose.say(COOP, 1) + prose.say(ASSESS, 1),
            prose.reaction() + prose.say(BACKGROUND, 1, 2),
            prose.say(CLOSE_SIGN, 1, 2),
        ]
    )
    return (
        "\n\n".join(
            [
                f"{city}—{other}山海协作联席会议召开",
                f"▢ 全媒体记者 {cast.some(1)[0]}",
                f"本报讯 昨日下午，{city}—{other}山海协作联席会议在{city}召开。"
                f"{other}市委常委、{rng.choice(DISTRICTS)}委书记{leaders[0]}，我市领导{'、'.join(leaders[1:])}分别参加活动。",
                f"会上，{'、'.join(left)}分别与{'、'.join(right)}签订{rng.choice(AGREEMENTS)}。",
                *body,
            ]
        )
        + "\n"
    )


def _visit(rng: random.Random, cast: Cast, city: str, day: date, prose: Prose) -> str:
    leader, companion = cast.some(2)
    county, sites = rng.choice(DISTRICTS), rng.sample(SITES, 3)
    reporter = cast.some(1)[0]
    helper = f" 通讯员 {prose.rng.choice(cast.people)}" if prose.rng.random() < 0.4 else ""
    body = prose.body(
        [
            prose.say(DETAIL, 1, 2, who=leader) + prose.say(BACKGROUND, 1, 2, county=county),
            prose.reaction() + prose.say(BACKGROUND, 1, 2, county=county),
            f"在随后召开的座谈会上，{leader}听取了{county}有关工作汇报。" + prose.figures(),
            "座谈中，当地有关负责人介绍了近年来的发展情况。"
            + prose.say(BACKGROUND, 2, county=county)
            + prose.say(ASSESS, 1),
            prose.say(DETAIL, 1, who="他") + prose.reaction(),
            f"{leader}充分肯定了{county}的工作成效。" + prose.stressed("他"),
            prose.say(CLOSE_VISIT, 1, county=county),
        ]
    )
    return (
        "\n\n".join(
            [
                f"{leader}到{county}调研",
                f"本报讯（全媒体记者 {reporter}{helper}）{day.month}月{day.day}日，市委书记{leader}到{county}调研。"
                f"市委常委、秘书长{companion}陪同调研。",
                f"{leader}一行先后来到{county}{sites[0]}、{rng.choice(TOWNS)}{sites[1]}和{rng.choice(COMPANIES)}，"
                f"详细了解产业发展和项目建设情况。",
                *body,
            ]
        )
        + "\n"
    )


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write n articles as YYYY-MM-DD_NNNNN.txt files; return their paths."""
    rng = random.Random(seed)
    cast = Cast(rng)
    prose = Prose(random.Random(f"prose-{seed}"), cast)
    out.mkdir(parents=True, exist_ok=True)
    start = date(2020, 1, 1)
    paths = []
    for i in range(n):
        day = start + timedelta(days=i // 8)
        city = rng.choice(CITIES[:3])
        text = rng.choice((_meeting, _meeting, _signing, _visit))(rng, cast, city, day, prose)
        path = out / f"{day.isoformat()}_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench/results/corpus")
    print(f"wrote {len(generate(count, target))} articles to {target}")
