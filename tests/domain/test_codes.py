from datetime import date

import pytest

from desktop_app.domain.codes import (
    division_code_error,
    id_number_error,
    mask_id_number,
    mask_phone,
    phone_error,
    uscc_error,
)

# Character values per GB 32100-2015 table: written out independently of the
# implementation so the test would catch a wrong charset or weight.
_VALUES = {**{str(d): d for d in range(10)}, "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15,
           "G": 16, "H": 17, "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "P": 23, "Q": 24, "R": 25,
           "T": 26, "U": 27, "W": 28, "X": 29, "Y": 30}
_WEIGHTS = [3 ** i % 31 for i in range(17)]


def reference_check(first17: str) -> str:
    c = 31 - sum(_VALUES[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True)) % 31
    c = 0 if c == 31 else c
    return next(k for k, v in _VALUES.items() if v == c)


@pytest.mark.parametrize("code", [
    "91350100M000100Y43",   # the worked example printed in GB 32100-2015
    "91350100m000100y43",   # lower case is accepted and normalised
    " 91350100M000100Y43 ",
])
def test_standard_example_is_valid(code):
    assert uscc_error(code) is None


@pytest.mark.parametrize("body", [
    "A1140521MA0K3F2L1",    # 中央军委改革和编制办公室
    "N2140521MA0K3F2L1",    # 农业农村 (农村集体经济组织)
    "Y1140521MA0K3F2L1",    # 其他
    "93140521MA0K3F2L1",    # 农民专业合作社
    "12140521000123456",    # 事业单位
    "51140521MJY012345",    # 社会团体
])
def test_all_registration_authorities_accepted(body):
    assert uscc_error(body + reference_check(body)) is None


def test_wrong_check_character_is_refused_and_the_code_quoted():
    body = "91140521MA0K3F2L1"
    good = reference_check(body)
    bad = "0" if good != "0" else "1"
    message = uscc_error(body + bad)
    assert uscc_error(body + good) is None
    assert f"“{body + bad}”校验不通过" in message and f"“{good}”" not in message


@pytest.mark.parametrize("code, fragment", [
    ("", "不能为空"),
    ("9135010", "应为 18 位，现为 7 位"),
    ("91350100M000100Y4", "现为 17 位"),
    ("91350100I000100Y43", "第 9 位“I”"),
    ("91350100MO00100Y43", "第 10 位“O”"),
    ("S1350100M000100Y43", "第 1 位“S”"),
    ("B1350100M000100Y43", "登记管理部门"),
    ("90350100M000100Y43", "第 2 位"),
    ("913501A0M000100Y43", "第 3–8 位"),
])
def test_malformed_codes(code, fragment):
    assert fragment in uscc_error(code)


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", "440524188001010014"])
def test_valid_id_numbers(number):
    assert id_number_error(number) is None


@pytest.mark.parametrize("number, fragment", [
    ("110105194912310021", "身份证号校验不通过"),
    ("11010519491331002X", "不是有效的出生日期"),
    ("110105200002300027", "不是有效的出生日期"),        # 30 February
    ("110105190002290021", "不是有效的出生日期"),        # 1900 is not a leap year
    ("11010517991231002X", "不是有效的出生日期"),        # before 1800
    ("110105194912A1002X", "第 13 位应为数字"),
    ("110105491231002", "15 位旧号码"),
    ("1101051949123100", "应为 18 位，现为 16 位"),
])
def test_invalid_id_numbers(number, fragment):
    assert fragment in id_number_error(number)


def test_birth_date_in_future_rejected():
    # 2030-01-01 is in the future relative to the `today` given
    body = "11010520300101001"
    total = sum(int(c) * w for c, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    number = body + "10X98765432"[total % 11]
    assert id_number_error(number, today=date(2030, 1, 2)) is None
    assert "晚于今天" in id_number_error(number, today=date(2026, 11, 21))


def test_leap_day_accepted():
    body = "11010520000229001"
    total = sum(int(c) * w for c, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    assert id_number_error(body + "10X98765432"[total % 11]) is None


def test_masks_hide_birth_date_and_middle_digits():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0356-1234567") == "0356-***4567"
    assert "1949" not in mask_id_number("11010519491231002X")


@pytest.mark.parametrize("phone, ok", [("13812345678", True), ("0356-1234567", True), ("03561234567", True),
                                       ("", True), ("12345", False), ("1381234567", False), ("138-1234-5678", False)])
def test_phone_format(phone, ok):
    assert (phone_error(phone) is None) is ok


@pytest.mark.parametrize("code, ok", [("140521", True), ("140521100", True), ("", True), ("14052", False),
                                      ("14052A", False)])
def test_division_codes(code, ok):
    assert (division_code_error(code) is None) is ok


def test_a_failed_check_does_not_tell_which_character_would_pass():
    """A clerk who mistyped a middle digit must not be led to "fix" the last one."""
    good = "91140521MA0K3F2L1W"
    typo = good[:9] + ("1" if good[9] != "1" else "2") + good[10:]  # a slip in the middle
    message = uscc_error(typo)
    assert "校验不通过" in message and "逐位核对" in message
    assert "应为" not in message and "第 18 位" not in message


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_credit_code_as_typed_with_a_chinese_ime_is_the_code():
    from desktop_app.domain.codes import normalize_uscc, uscc_check_char

    body = "91140521MA0T00001"
    good = body + uscc_check_char(body)
    typed = " " + _full_width(good[:9]) + "\u3000" + _full_width(good[9:]).lower() + "\t"
    assert typed[1] == "９" and normalize_uscc(typed) == good
    assert uscc_error(typed) is None
    assert "第 1 位“９”" not in (uscc_error(_full_width(good[:17]) + "Z") or "")
    assert "第 18 位“Z”" in uscc_error(_full_width(good[:17]) + "Z")


def test_enterprise_saved_with_full_width_code_stores_half_width(ledger):
    from desktop_app.domain.codes import uscc_check_char
    from desktop_app.services import enterprises

    body = "91140521MA0T00002"
    good = body + uscc_check_char(body)
    eid = enterprises.save(ledger, {"name": "全角代码公司", "uscc": _full_width(good).lower()})
    assert ledger.conn.execute("SELECT uscc FROM enterprises WHERE id = ?", (eid,)).fetchone()[0] == good
