"""Keeps the Vitrine's search index in step with publishing (filled in by kernkompas.vitrine.search)."""
