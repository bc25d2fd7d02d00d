"""Links from a case to the other parts, asked through the registry (``core.parts``): the Kernmonitor's
indicators that measure the case's themes."""

from django import template

from kernkompas.core import parts

register = template.Library()


@register.simple_tag
def case_indicators(page) -> list[parts.IndicatorLink]:
    """The indicators that measure this case's themes ("Meet dit in de Kernmonitor: leegstand, …")."""
    return parts.theme_indicators(page.themes.values_list("slug", flat=True))
