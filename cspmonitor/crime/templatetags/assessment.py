"""Wording for assessment figures: changes as percentages, p-values, plain-English tags."""

from django import template

register = template.Library()


@register.filter
def change_percent(ratio):
    """1.124 → '+12%'; 0.9 → '−10%'; None → 'not defined'."""
    if ratio is None:
        return "not defined"
    percent = round((ratio - 1) * 100)
    return f"+{percent}%" if percent > 0 else ("0%" if percent == 0 else f"−{abs(percent)}%")


@register.filter
def p_value(value):
    if value is None:
        return "not defined"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


@register.filter
def wording_colour(wording):
    return {"significant rise": "govuk-tag--red", "significant fall": "govuk-tag--green"}.get(
        wording, "govuk-tag--grey"
    )


@register.filter
def one_decimal(value):
    return "not defined" if value is None else f"{value:,.1f}"


@register.filter
def two_decimals(value):
    return "not defined" if value is None else f"{value:.2f}"
