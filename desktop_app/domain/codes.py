"""Identity codes: 统一社会信用代码 (GB 32100-2015) and 身份证号 (GB 11643-1999).

Each check is one function returning ``None`` when the code is sound, or a
Chinese sentence saying exactly which position is wrong. Window, CLI, Excel
import and tests all call these.
"""

import re
import unicodedata
from datetime import date

from desktop_app import i18n

# GB 32100: 31 characters, no I, O, S, V, Z.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 登记管理部门码: 1 机构编制 … 9 市场监管, A 中央军委改革和编制办公室, N 农业农村, Y 其他.
USCC_AUTHORITIES = "123456789ANY"


_SPACE = re.compile(r"[\s\u200b\ufeff]+")


def half_width(text: str) -> str:
    """Full-width digits, letters and signs as typed with a Chinese IME (“９１１４”, “ＭＡ”) as ASCII."""
    return unicodedata.normalize("NFKC", text)


def normalize_uscc(code: str) -> str:
    """What a clerk types or pastes, as the code: half-width, no spaces of any kind, upper case."""
    return _SPACE.sub("", half_width(str(code))).upper()


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, or None when it is."""
    code = normalize_uscc(code)
    if not code:
        return i18n.tr("统一社会信用代码不能为空")
    if len(code) != 18:
        return i18n.tr("统一社会信用代码应为 18 位，现为 {n} 位").format(n=len(code))
    for pos, ch in enumerate(code, start=1):
        if ch not in USCC_CHARSET:
            return i18n.tr("统一社会信用代码第 {pos} 位“{ch}”不是有效字符（不使用 I、O、S、V、Z）").format(pos=pos, ch=ch)
    if code[0] not in USCC_AUTHORITIES:
        return i18n.tr("统一社会信用代码第 1 位“{ch}”不是有效的登记管理部门代码").format(ch=code[0])
    if not code[1].isdigit() or code[1] == "0":
        return i18n.tr("统一社会信用代码第 2 位“{ch}”不是有效的机构类别代码").format(ch=code[1])
    if not code[2:8].isdigit():
        return i18n.tr("统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        # not "the 18th should be X": the slip is as likely in any other place, and
        # "fixing" the last character would save a wrong code that checks
        return i18n.tr("统一社会信用代码“{code}”校验不通过：其中有字符输错了，请对照营业执照逐位核对").format(code=code)
    return None


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalize_id_number(number: str) -> str:
    return _SPACE.sub("", half_width(str(number))).upper()


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> date | None:
    number = normalize_id_number(number)
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_error(number: str, *, today: date | None = None) -> str | None:
    """Why ``number`` is not a valid 18-digit 身份证号, or None when it is."""
    number = normalize_id_number(number)
    if not number:
        return i18n.tr("身份证号不能为空")
    if len(number) == 15:
        return i18n.tr("请填写 18 位身份证号（15 位旧号码不再使用）")
    if len(number) != 18:
        return i18n.tr("身份证号应为 18 位，现为 {n} 位").format(n=len(number))
    if not number[:17].isdigit():
        pos = next(i for i, c in enumerate(number[:17], start=1) if not c.isdigit())
        return i18n.tr("身份证号第 {pos} 位应为数字").format(pos=pos)
    if not (number[17].isdigit() or number[17] == "X"):
        return i18n.tr("身份证号第 18 位应为数字或 X")
    born = id_birth_date(number)
    today = today or date.today()
    if born is None or born.year < 1800:
        return i18n.tr("身份证号第 7–14 位“{d}”不是有效的出生日期").format(d=number[6:14])
    if born > today:
        return i18n.tr("身份证号中的出生日期 {d} 晚于今天").format(d=born.isoformat())
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return i18n.tr("身份证号校验不通过：其中有数字输错了，请对照身份证逐位核对")
    return None


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def phone_error(phone: str) -> str | None:
    phone = phone.strip().replace(" ", "")
    if not phone:
        return None
    if _MOBILE.match(phone) or _LANDLINE.match(phone):
        return None
    return i18n.tr("电话号码格式不正确：应为 11 位手机号或区号加座机号（如 0356-1234567）")


def division_code_error(code: str) -> str | None:
    code = code.strip()
    if not code:
        return None
    if not code.isdigit() or len(code) not in (6, 9, 12):
        return i18n.tr("行政区划代码应为 6 位（县）、9 位（乡镇）或 12 位数字")
    return None


def mask_id_number(number: str) -> str:
    """140521********123X: region and last four stay, the birth date goes."""
    number = normalize_id_number(number)
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """138****5678; landlines keep the area code and last four digits."""
    phone = phone.strip()
    digits = phone.replace("-", "")
    if len(digits) < 7:
        return phone
    if _MOBILE.match(digits):
        return digits[:3] + "****" + digits[-4:]
    head, _, _ = phone.partition("-")
    if head and head != phone:
        return head + "-" + "*" * (len(phone) - len(head) - 5) + phone[-4:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
