"""The Binnenstadslab's pages (mounted at /binnenstadslab/ in both languages)."""

app_name = "labs"

urlpatterns: list = []
