"""Field cleaning shared by the record services: one message per bad field."""

from datetime import date
from typing import Any

from desktop_app import i18n
from desktop_app.domain.dates import parse_date
from desktop_app.errors import ValidationError


def text(values: dict[str, Any], key: str, label: str, *, required: bool = False,
         max_len: int = 200) -> str:
    value = str(values.get(key) or "").strip()
    if required and not value:
        raise ValidationError(key, i18n.tr("请填写{label}").format(label=label))
    if len(value) > max_len:
        raise ValidationError(key, i18n.tr("{label}过长（最多 {n} 字）").format(label=label, n=max_len))
    return value


def choice(values: dict[str, Any], key: str, label: str, options: list[str], *,
           required: bool = False) -> str:
    value = text(values, key, label)
    if required and not value:
        raise ValidationError(key, i18n.tr("请选择{label}").format(label=label))
    if value and value not in options:
        raise ValidationError(key, i18n.tr("{label}“{value}”不在可选范围内").format(label=label, value=value))
    return value


def number(values: dict[str, Any], key: str, label: str, *, integer: bool = False,
           minimum: float | None = 0, required: bool = False) -> float | int | None:
    raw = values.get(key)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise ValidationError(key, i18n.tr("请填写{label}").format(label=label))
        return 0 if minimum is not None and minimum >= 0 else None
    try:
        value = int(str(raw).strip()) if integer else float(str(raw).strip().replace(",", ""))
    except ValueError:
        kind = i18n.tr("整数") if integer else i18n.tr("数字")
        raise ValidationError(key, i18n.tr("{label}应为{kind}，现为“{raw}”").format(
            label=label, kind=kind, raw=raw)) from None
    if minimum is not None and value < minimum:
        raise ValidationError(key, i18n.tr("{label}不能小于 {m}").format(label=label, m=minimum))
    return value


def iso_date(values: dict[str, Any], key: str, label: str, *, required: bool = False,
             not_after: date | None = None) -> str | None:
    raw = values.get(key)
    if isinstance(raw, date):
        parsed = raw
    else:
        raw = str(raw or "").strip()
        if not raw:
            if required:
                raise ValidationError(key, i18n.tr("请填写{label}").format(label=label))
            return None
        try:
            parsed = parse_date(raw)
        except ValueError:
            raise ValidationError(key, i18n.tr("{label}“{raw}”不是有效日期（格式：2024-05-01）").format(
                label=label, raw=raw)) from None
    if not_after and parsed > not_after:
        raise ValidationError(key, i18n.tr("{label} {d} 晚于今天").format(label=label, d=parsed.isoformat()))
    return parsed.isoformat()


def flag(values: dict[str, Any], key: str) -> int:
    raw = values.get(key)
    if isinstance(raw, str):
        return 1 if raw.strip() in ("1", "是", "true", "True", "yes") else 0
    return 1 if raw else 0
