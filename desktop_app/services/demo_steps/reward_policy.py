"""The demo county's own reward policy: a sample list, printed as a sample.

沁水县 is not 绛县, so the shipped 001 附件2 does not apply to it (see
``services.reward_policies``). The demo gives it a short list of its own in
the same shape, citing no other county's documents, so the 奖补 tab and the
奖补测算表 have something to compute; every print says it is a sample.
"""

from desktop_app.services import reward_policies
from desktop_app.services.demo_steps import DemoContext
from desktop_app.services.ledger import Ledger

ORDER = 15  # before the talent step, which records payments against these rules

TITLE = "沁水县支持科技创新奖补政策（示例）"

SAMPLE = [
    {"seq": 1, "title": "支持企业申报高新技术企业",
     "text": "对新认定的高新技术企业和三年期满重新认定的高新技术企业给予一次性奖励 5 万元。（示例条款）",
     "award": [{"event": "high_tech_new", "amount_wan": 5.0}, {"event": "high_tech_recertified", "amount_wan": 5.0}]},
    {"seq": 2, "title": "支持科技创新平台建设",
     "text": "对新获批的国家级、省级重点实验室、工程技术研究中心和中试基地分别给予 20 万元、10 万元奖励。（示例条款）",
     "award": [{"event": kind, "level": level, "amount_wan": amount}
               for kind in ("key_lab", "engineering_center", "pilot_base")
               for level, amount in (("国家级", 20.0), ("省级", 10.0))]},
    {"seq": 3, "title": "支持产业技术创新战略联盟组建",
     "text": "对首次获批的国家级、省级产业技术创新战略联盟的盟主单位分别给予 20 万元、10 万元奖励。（示例条款）",
     "award": [{"event": "alliance", "level": "国家级", "amount_wan": 20.0},
               {"event": "alliance", "level": "省级", "amount_wan": 10.0}]},
    {"seq": 4, "title": "支持科技成果转化",
     "text": "对通过技术交易平台交易科技成果并在县内转化的企业，单个科技成果最高补助 5 万元。（示例条款）",
     "award": [{"event": "tech_transfer_deal", "amount_wan": 5.0, "max": True}]},
    {"seq": 5, "title": "支持“大众创业、万众创新”",
     "text": "对新认定的国家级、省级科技企业孵化器和众创空间分别给予 30 万元、10 万元奖励。（示例条款）",
     "award": [{"event": kind, "level": level, "amount_wan": amount}
               for kind in ("incubator", "maker_space") for level, amount in (("国家级", 30.0), ("省级", 10.0))]},
    {"seq": 6, "title": "支持高层次科技人才引进",
     "text": "对引进的高层次科技人才，按本县人才引进有关规定采取“一事一议”方式给予奖励。（示例条款）",
     "award": [{"event": "high_level_talent", "case_by_case": True}]},
]


def fill(ledger: Ledger, ctx: DemoContext) -> None:
    if reward_policies.has_policies(ledger):
        return
    reward_policies.install_own(ledger, TITLE, SAMPLE, effective_from="2021-01-01", sample=True)
