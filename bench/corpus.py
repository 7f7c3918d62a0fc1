"""A generator of fictional city-daily articles for scale tests (`python -m bench.corpus N DIR`).

Articles reuse a fixed cast of people, towns and organizations, as a real archive does, so
the graph grows dense rather than wide. Everything is invented and seeded: the same N gives the
same corpus on every machine.
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
TOWNS = ["石门镇", "白沙乡", "云岭街道", "枫桥街道", "鹭洲镇", "潮音乡", "沙湾街道", "溪口镇", "渔湾镇", "青屿乡",
         "港南街道", "柳岸街道", "竹溪乡", "松涛镇", "梅林街道", "龙泉镇"]
SITES = ["数字经济产业园", "高山蔬菜基地", "共富工坊", "智能制造产业园", "集装箱码头", "茶叶专业合作社", "科技园孵化基地",
         "人民医院", "职业技术学校", "物流园"]
COMPANIES = ["清源科技有限公司", "青川精工机械股份有限公司", "星河云计算有限公司", "启明智能科技有限公司",
             "青川农业发展集团有限公司", "南屿港集团"]
TOPICS = ["经济运行分析会", "优化营商环境大会", "山海协作联席会议", "乡村振兴工作推进会", "安全生产工作会议",
          "招商引资工作会议", "民营企业家座谈会", "人才工作会议", "防汛防台工作部署会"]
AGREEMENTS = ["结对协议", "山海协作产业飞地共建协议", "战略合作协议", "劳务协作协议", "农产品产销对接协议"]


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


def _meeting(rng: random.Random, cast: Cast, city: str, day: date) -> str:
    chair, *others = cast.some(rng.randint(4, 7))
    topic = rng.choice(TOPICS)
    return (
        f"{chair}主持召开全市{topic}\n\n"
        f"▢ 全媒体记者 {cast.some(1)[0]}\n\n"
        f"本报讯 {day.month}月{day.day}日上午，市委书记{chair}主持召开全市{topic}，"
        f"听取各地各部门工作情况汇报，部署下一阶段重点工作。\n\n"
        f"市领导{'、'.join(others)}等参加会议。\n\n"
        f"{chair}强调，要坚持稳中求进，抓项目、稳工业、促消费，确保全年目标任务顺利完成。"
        f"{rng.choice(DISTRICTS)}、{rng.choice(DISTRICTS)}作交流发言。\n"
    )


def _signing(rng: random.Random, cast: Cast, city: str, day: date) -> str:
    left, right = rng.sample(TOWNS, 6)[:3], rng.sample(TOWNS, 6)[3:]
    leaders = cast.some(4)
    other = rng.choice([c for c in CITIES if c != city])
    return (
        f"{city}—{other}山海协作联席会议召开\n\n"
        f"▢ 全媒体记者 {cast.some(1)[0]}\n\n"
        f"本报讯 昨日下午，{city}—{other}山海协作联席会议在{city}召开。"
        f"{other}市委常委、{rng.choice(DISTRICTS)}委书记{leaders[0]}，我市领导{'、'.join(leaders[1:])}分别参加活动。\n\n"
        f"会上，{'、'.join(left)}分别与{'、'.join(right)}签订{rng.choice(AGREEMENTS)}。\n"
    )


def _visit(rng: random.Random, cast: Cast, city: str, day: date) -> str:
    leader, companion = cast.some(2)
    county = rng.choice(DISTRICTS)
    sites = rng.sample(SITES, 3)
    return (
        f"{leader}到{county}调研\n\n"
        f"本报讯（全媒体记者 {cast.some(1)[0]}）{day.month}月{day.day}日，市委书记{leader}到{county}调研。"
        f"市委常委、秘书长{companion}陪同调研。\n\n"
        f"{leader}一行先后来到{county}{sites[0]}、{rng.choice(TOWNS)}{sites[1]}和{rng.choice(COMPANIES)}，"
        f"详细了解产业发展和项目建设情况。\n"
    )


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write n articles as YYYY-MM-DD_NNNNN.txt files; return their paths."""
    rng = random.Random(seed)
    cast = Cast(rng)
    out.mkdir(parents=True, exist_ok=True)
    start = date(2020, 1, 1)
    paths = []
    for i in range(n):
        day = start + timedelta(days=i // 8)
        city = rng.choice(CITIES[:3])
        text = rng.choice((_meeting, _meeting, _signing, _visit))(rng, cast, city, day)
        path = out / f"{day.isoformat()}_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench/results/corpus")
    print(f"wrote {len(generate(count, target))} articles to {target}")
