"""Back-office hooks of the kernel: corrections to Wagtail's own look that every part's screens share."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_corrections_css():
    return format_html('<link rel="stylesheet" href="{}">', static("kernkompas/css/admin.css"))
