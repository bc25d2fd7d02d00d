"""What the Kern-DNA's API modules share: a place in an answer and the paging of lists."""

from ninja import Field, Schema

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class PlaceOut(Schema):
    name: str
    slug: str


class PageFilters(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")
