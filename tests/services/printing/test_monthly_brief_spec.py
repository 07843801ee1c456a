from desktop_app.services import printing


def test_brief_form_suggests_the_brief_s_own_file_name(ledger):
    spec = printing.registry()["monthly-brief"]
    assert printing.default_file_name(ledger, spec, {"period": "2026-01"}, "pdf") == "沁水县2026年1月调度情况通报.pdf"
    other = printing.registry()["task-list"]
    assert printing.default_file_name(ledger, other, {"period": "2026-01"}, "pdf") == "沁水县工作任务清单2026-01.pdf"
