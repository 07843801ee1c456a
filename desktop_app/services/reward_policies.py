"""Whose reward policy a ledger computes by: its own county's, never another county's.

The program ships one county's policy, 001 附件2 《绛县支持科技创新的若干政策》
(resources/seeds/rewards.toml). A 绛县 ledger (the county, or one of its
townships) gets it built in, linked to its document. Any other county starts
with an empty policy list that the clerk fills in for the county's own
document; 001's list is offered as a template to copy and then edit. A copied
or typed-in list is titled by the clerk (``TITLE_KEY``) and, for the demo,
marked as a sample (``SAMPLE_KEY``).
"""

from __future__ import annotations

from typing import Any

from desktop_app import i18n
from desktop_app.errors import UserError, ValidationError
from desktop_app.services import forms, seed
from desktop_app.services.ledger import Ledger

TEMPLATE_DOCUMENT = "001"
TITLE_KEY = "rewards.policy_title"      # the title of this county's own policy list
DOC_NO_KEY = "rewards.policy_doc_no"    # its 文号 ("" while unknown)
SINCE_KEY = "rewards.effective_from"    # its date: earlier events are not rewarded
SAMPLE_KEY = "rewards.sample"           # "1": a sample list (the demo), printed as such


def county_of(ledger: Ledger) -> str:
    """The county whose policy applies: the ledger's own unit at county level, else its parent."""
    if ledger.unit.level in ("county", "city"):
        return ledger.unit.name
    return ledger.unit.parent_name or ""


def template_county() -> str:
    return next((d.get("scope", "") for d in seed.documents() if d["key"] == TEMPLATE_DOCUMENT), "")


def builtin_applies(ledger: Ledger) -> bool:
    """True when the shipped policy (001 附件2) is this ledger's own county's."""
    return bool(county_of(ledger)) and county_of(ledger) == template_county()


def template() -> list[dict[str, Any]]:
    """001's policy list as plain data: [{seq, title, text, award: [{event, level, amount_wan, …}]}]."""
    return [dict(p) for p in seed.rewards()["policy"]]


def has_policies(ledger: Ledger) -> bool:
    return ledger.conn.execute("SELECT 1 FROM reward_policies WHERE deleted_at IS NULL").fetchone() is not None


def _insert(ledger: Ledger, policies: list[dict[str, Any]], document_id: str | None) -> int:
    w = ledger.writer
    for policy in policies:
        pid = w.insert("reward_policies", {"document_id": document_id, "seq": policy["seq"],
                                           "title": policy["title"], "text": policy["text"]}, audit=False)
        w.insert_many("reward_rules", ({
            "policy_id": pid, "event": award["event"], "level": award.get("level", ""),
            "amount_wan": award.get("amount_wan"), "case_by_case": int(award.get("case_by_case", False)),
            "is_maximum": int(award.get("max", False))} for award in policy.get("award", [])))
    w.log("bulk", "reward_policies", None, None, {"inserted": len(policies)})
    return len(policies)


def install_builtin(ledger: Ledger, doc_ids: dict[str, str]) -> int:
    """The shipped policy, for its own county only (run by ``seed.load_builtin``)."""
    if has_policies(ledger) or not builtin_applies(ledger):
        return 0
    return _insert(ledger, template(), doc_ids.get(TEMPLATE_DOCUMENT))


def install_own(ledger: Ledger, title: str, policies: list[dict[str, Any]], *, doc_no: str = "",
                effective_from: str | None = None, sample: bool = False) -> int:
    """This county's own list (typed in, or copied from the template and edited), replacing none."""
    if has_policies(ledger):
        raise UserError(i18n.tr("本台账已有奖补政策条款，请在现有条款上修改"))
    if not title.strip():
        raise ValidationError("title", i18n.tr("请填写本县奖补政策的名称"))
    with ledger.write():
        n = _insert(ledger, policies, None)
        ledger.set_setting(TITLE_KEY, title.strip())
        ledger.set_setting(DOC_NO_KEY, doc_no.strip())
        ledger.set_setting(SINCE_KEY, effective_from or "")
        ledger.set_setting(SAMPLE_KEY, "1" if sample else "")
    return n


def copy_template(ledger: Ledger) -> int:
    """001's list copied into this ledger as an editable draft of the county's own policy."""
    county = county_of(ledger) or ledger.unit.name
    return install_own(ledger, i18n.tr("{c}支持科技创新奖补政策（据{t}政策模板，待按本县文件修改）").format(
        c=county, t=template_county()), template())


def save_clause(ledger: Ledger, policy_id: str, values: dict[str, Any]) -> None:
    """Edit one clause's title and text (its award items stay as they are)."""
    title = forms.text(values, "title", i18n.tr("条款标题"), required=True, max_len=200)
    text = forms.text(values, "text", i18n.tr("条款原文"), required=True, max_len=2000)
    with ledger.write() as w:
        if not ledger.conn.execute("SELECT 1 FROM reward_policies WHERE id = ? AND deleted_at IS NULL",
                                   (policy_id,)).fetchone():
            raise UserError(i18n.tr("政策条款不存在或已删除"))
        w.update("reward_policies", policy_id, {"title": title, "text": text})


def delete_clause(ledger: Ledger, policy_id: str) -> None:
    with ledger.write() as w:
        w.soft_delete("reward_policies", policy_id)


def own_title(ledger: Ledger) -> tuple[str, str, str | None, bool]:
    """(title, 文号, effective from, sample) of a list that is not the shipped one."""
    county = county_of(ledger) or ledger.unit.name
    title = ledger.setting(TITLE_KEY) or i18n.tr("{c}奖补政策").format(c=county)
    return title, ledger.setting(DOC_NO_KEY) or "", ledger.setting(SINCE_KEY) or None, ledger.setting(SAMPLE_KEY) == "1"
