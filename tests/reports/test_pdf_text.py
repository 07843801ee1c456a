"""Chinese line breaking used in table cells."""

from desktop_app.reports import fonts
from desktop_app.reports.pdf_text import break_lines, text_width


def _font():
    return fonts.font_name(fonts.BODY)


def test_short_text_is_one_line():
    assert break_lines("县发改局", _font(), 11, 200) == ["县发改局"]


def test_explicit_newlines_are_kept():
    assert break_lines("刘建武\n张 雁", _font(), 11, 200) == ["刘建武", "张 雁"]


def test_balanced_lines_split_evenly():
    f = _font()
    lines = break_lines("创新环境优化行动", f, 11, text_width("创新环境优化行", f, 11) + 1,
                        balance=True)
    assert lines == ["创新环境", "优化行动"]


def test_no_line_starts_with_closing_punctuation():
    f = _font()
    width = text_width("一二三四五", f, 11)
    for text in ("一二三四五，六七", "一二三四五。", "一二三四五）六"):
        lines = break_lines(text, f, 11, width)
        assert "".join(lines) == text
        assert all(line[0] not in "，。）" for line in lines), lines


def test_latin_words_and_numbers_stay_whole():
    f = _font()
    lines = break_lines("研发投入1234.56万元", f, 11, text_width("研发投入12", f, 11))
    assert any("1234.56" in line for line in lines)


def test_a_run_of_closing_marks_never_starts_a_line():
    from desktop_app.reports.pdf_text import wrap_tokens

    toks = list("为贯彻落实《关于打造创新生态小气候的实施方案（试行") + ["）", "》", "要", "求"]
    # room for the text up to "）" but not "》": both marks must go down with "行"
    lines = wrap_tokens(toks, lambda t: 1.0, limit=len(toks) - 3)
    assert lines[1][:3] == ["行", "）", "》"]
    assert all(line[0] not in "）》" for line in lines)
