"""The people of the sample branch: a tanker's crew, written out by hand.

Hand-written rather than drawn from name pools, so every record reads like a real roster:
posts that exist on an oil tanker (泵工 works for the 大副 on the cargo side), schooling that
fits the post (officers from the maritime universities, ratings from 中专/高中; the
words are the member form's own choices), home
counties of the coastal provinces with their GB/T 2260 address codes, and a few surnames read
differently as surnames (单 shan, 曾 zeng, 解 xie) so pinyin search can be tried on them.

Ages and party dates are given relative to "today", so the sample looks the same on any day.
Only what must differ between people but need not be chosen (day of birth, ID sequence code,
phone number, uid) comes from the seeded random generator in build.py.
"""

from __future__ import annotations

from typing import NamedTuple

from dangjian_desktop.domain.people import PartyPost

COMPANY = "示例石油航运有限公司"
SHIP = "兴海油6"
SISTER_SHIP = "兴海油3"  # crew rotate between the two tankers
BRANCH_NAME = f"中共{COMPANY}“{SHIP}”轮党支部"
SISTER_BRANCH = f"中共{COMPANY}“{SISTER_SHIP}”轮党支部"
OFFICE_BRANCH = f"中共{COMPANY}机关第二党支部"  # the shore office (机务部) a member was seconded to
PARENT_COMMITTEE = f"中共{COMPANY}委员会"
TRAINING_BRANCH = f"中共{COMPANY}船员培训中心临时党支部"
WORK_UNIT = f"“{SHIP}”轮"

DECK = "驾驶部党小组"
ENGINE = "轮机部党小组"
LEAVE = "公休党小组"

# 党统 person categories (domain brief §8.3).
MANAGER = "企事业单位管理人员"
TECHNICIAN = "企事业单位专业技术人员"
WORKER = "工人（工勤技能人员）"

# GB/T 2260 address codes of coastal counties and districts, with the 籍贯 they stand for.
REGIONS = {
    "330921": "浙江省岱山县",
    "330922": "浙江省嵊泗县",
    "330903": "浙江省舟山市普陀区",
    "330902": "浙江省舟山市定海区",
    "330226": "浙江省宁海县",
    "331082": "浙江省临海市",
    "320681": "江苏省启东市",
    "320623": "江苏省如东县",
    "320703": "江苏省连云港市连云区",
    "371082": "山东省荣成市",
    "370687": "山东省海阳市",
    "370281": "山东省胶州市",
    "371002": "山东省威海市环翠区",
    "350122": "福建省连江县",
    "350181": "福建省福清市",
    "210283": "辽宁省庄河市",
    "210281": "辽宁省瓦房店市",
    "130225": "河北省乐亭县",
    "440882": "广东省雷州市",
    "450502": "广西壮族自治区北海市海城区",
    "310230": "上海市崇明县",
}

# Age at which schooling usually ends, for the 参加工作日期.
WORK_START_AGE = {"大学本科": 22, "大学专科": 21, "中等专科": 19, "高中": 19, "初中及以下": 18}


class Crew(NamedTuple):
    name: str
    female: bool
    age: int  # on "today"
    region: str  # a key of REGIONS
    education: str
    school: str
    major: str
    group: str
    job_post: str
    category: str  # 党统 person category
    join_age: int = 0  # formal members: age at the 支部大会 that admitted them
    party_post: PartyPost = PartyPost.NONE
    tech_title: str = ""
    ethnicity: str = "汉族"
    introducers: str = ""  # recorded for those admitted by this branch
    note: str = ""
    work_age: int = 0  # age at 参加工作; 0 = when schooling of that level ends


_P = PartyPost
DLMU, SMU, JMU = "大连海事大学", "上海海事大学", "集美大学"
ZJOU, WHUT, GZMU = "浙江海洋大学", "武汉理工大学", "广州航海学院"
ZIMC, JMI, QOSC = "浙江国际海运职业技术学院", "江苏海事职业技术学院", "青岛远洋船员职业学院"
NAV, MARINE, MARINE_VOC = "航海技术", "轮机工程", "轮机工程技术"

# Active roster: 30 members, 10 in each 党小组. Committee of five, all aboard (domain brief §6:
# ≥ 7 正式党员 → a 支部委员会 of 3–5; the 船舶政委 is the 书记).
ROSTER: tuple[Crew, ...] = (
    # 驾驶部党小组
    Crew("王建华", False, 52, "330921", "大学本科", SMU, NAV, DECK, "政委", MANAGER, 26,
         _P.SECRETARY, "高级政工师"),
    Crew("陈国栋", False, 49, "371082", "大学本科", DLMU, NAV, DECK, "船长", TECHNICIAN, 22,
         _P.DEPUTY_SECRETARY, "高级船长"),
    Crew("单晓峰", False, 41, "330922", "大学本科", JMU, NAV, DECK, "大副", TECHNICIAN, 21,
         _P.ORGANIZATION),
    Crew("曾海涛", False, 35, "350122", "大学本科", JMU, NAV, DECK, "二副", TECHNICIAN, 21,
         _P.GROUP_LEADER),
    Crew("林思远", False, 27, "350181", "大学本科", ZJOU, NAV, DECK, "三副", TECHNICIAN,
         introducers="王建华、单晓峰"),
    Crew("宋佳琪", True, 24, "370281", "大学本科", DLMU, NAV, DECK, "实习三副", TECHNICIAN, 21),
    Crew("黄德胜", False, 54, "330903", "高中", "", "", DECK, "水手长", WORKER, 30),
    Crew("徐永强", False, 46, "320623", "初中及以下", "", "", DECK, "水手", WORKER, 35),
    Crew("郑卫东", False, 39, "330226", "大学专科", ZIMC, NAV, DECK, "水手", WORKER, 28),
    Crew("蔡文博", False, 31, "320681", "大学专科", JMI, MARINE_VOC, DECK, "泵工", WORKER, 27,
         introducers="陈国栋、单晓峰"),
    # 轮机部党小组
    Crew("赵振华", False, 51, "210283", "大学本科", DLMU, MARINE, ENGINE, "轮机长", TECHNICIAN,
         23, _P.DISCIPLINE, "高级轮机长"),
    Crew("刘志刚", False, 43, "370687", "大学本科", SMU, MARINE, ENGINE, "大管轮", TECHNICIAN,
         22, _P.GROUP_LEADER),
    Crew("孙立新", False, 38, "320703", "大学专科", JMI, MARINE_VOC, ENGINE, "二管轮",
         TECHNICIAN, 26),
    Crew("周鹏飞", False, 30, "331082", "大学本科", JMU, MARINE, ENGINE, "三管轮", TECHNICIAN,
         21),
    Crew("解东升", False, 46, "130225", "大学专科", QOSC, "船舶电子电气技术", ENGINE, "电机员",
         TECHNICIAN, 29, _P.PROPAGANDA, "电气工程师"),
    Crew("马俊杰", False, 44, "371002", "高中", "", "", ENGINE, "机工长", WORKER, 31,
         ethnicity="回族"),
    Crew("朱海波", False, 40, "330921", "中等专科", "", "", ENGINE, "机工", WORKER, 33),
    Crew("梁宇", False, 29, "440882", "大学专科", GZMU, MARINE_VOC, ENGINE, "机工", WORKER,
         introducers="赵振华、解东升"),
    Crew("钱晨", False, 34, "310230", "中等专科", "", "", ENGINE, "机工", WORKER, 27,
         introducers="赵振华、解东升"),
    Crew("彭永生", False, 48, "320681", "初中及以下", "", "", ENGINE, "机工", WORKER, 32),
    # 公休党小组: the other watch, ashore for their four months
    Crew("董立军", False, 50, "210281", "大学本科", DLMU, NAV, LEAVE, "船长", TECHNICIAN, 24,
         _P.GROUP_LEADER, "高级船长", "满族"),
    Crew("韩国平", False, 47, "371082", "大学本科", WHUT, MARINE, LEAVE, "轮机长", TECHNICIAN,
         25, tech_title="高级轮机长"),
    Crew("许文杰", False, 40, "330903", "大学本科", ZJOU, NAV, LEAVE, "大副", TECHNICIAN, 22),
    Crew("罗丹丹", True, 30, "450502", "大学本科", DLMU, NAV, LEAVE, "二副", TECHNICIAN, 21,
         ethnicity="壮族"),
    Crew("杜海峰", False, 42, "320623", "大学专科", JMI, MARINE_VOC, LEAVE, "二管轮", TECHNICIAN,
         30),
    Crew("潘明", False, 56, "330922", "初中及以下", "", "", LEAVE, "水手长", WORKER, 32,
         note="配偶长期患病，家庭困难，已列入公司党委帮扶名单"),
    Crew("曹伟", False, 37, "350122", "高中", "", "", LEAVE, "水手", WORKER, 26),
    Crew("叶振宇", False, 34, "331082", "中等专科", "", "", LEAVE, "机工", WORKER,
         introducers="韩国平、杜海峰",
         note="经支部党员大会讨论、公司党委批准，预备期延长6个月"),
    Crew("顾春生", False, 53, "310230", "初中及以下", "", "", LEAVE, "大厨", WORKER, 35),
    Crew("江天佑", False, 29, "370687", "高中", "", "", LEAVE, "水手", WORKER, 20,
         note="服役期间入党，退役后上船工作", work_age=18),
)  # fmt: skip

# Names with a special part in the sample (build.py gives each its history).
PROBATION_DUE = "林思远"  # 预备期 ends within the 工作台's 60 days
PROBATION_NEW = "梁宇"  # admitted five months ago
PROBATION_EXTENDED = "叶振宇"  # 预备期 extended by six months
MOBILE = "罗丹丹"  # 流动党员: at a training centre ashore
LOST = "曹伟"  # 失联 for seven months
IN_DIFFICULTY = "潘明"
SECONDED = "刘志刚"  # transferred out to the shore office, and back again
ROTATED_IN = "孙立新"  # came from the sister ship in the last crew change

# Not on the active roster: the one who left in that crew change, and a record typed in by
# mistake and moved to the 回收站.
ROTATED_OUT = Crew("谢建国", False, 39, "370281", "大学专科", QOSC, MARINE_VOC, ENGINE, "二管轮",
                   TECHNICIAN, 27)  # fmt: skip
MISTAKEN = Crew("吕志强", False, 36, "330902", "高中", "", "", DECK, "水手", WORKER, 28,
                note=f"误录：该同志组织关系在“{SISTER_SHIP}”轮党支部")  # fmt: skip
