"""Video links from YouTube and Vimeo, read without asking the video site anything.

Editors paste whatever address their browser shows. We only need the provider and the video's id to build a
privacy-friendly player address (youtube-nocookie.com, Vimeo with ``dnt=1``) that the page loads after a click.
No oEmbed call on save: that would contact the video site and make saving depend on the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_HOSTS = {"vimeo.com", "player.vimeo.com"}
VIMEO_ID = re.compile(r"^\d{4,12}$")


@dataclass(frozen=True)
class VideoLink:
    provider: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def provider_name(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo"}[self.provider]

    @property
    def embed_url(self) -> str:
        """The player address, loaded only after the visitor clicks play (hence autoplay)."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def parse_video_url(url: str) -> VideoLink | None:
    """The provider and id of a YouTube or Vimeo address; None for anything else."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host == "youtu.be":
        return _youtube(segments[0] if segments else "")
    if host in YOUTUBE_HOSTS:
        return _youtube_from_path(segments, parts.query)
    if host in VIMEO_HOSTS:
        return _vimeo_from_path(segments)
    return None


def _youtube_from_path(segments: list[str], query: str) -> VideoLink | None:
    if segments[:1] == ["watch"]:
        return _youtube((parse_qs(query).get("v") or [""])[0])
    # youtube.com/embed/ID, /shorts/ID, /live/ID, /v/ID
    if len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
        return _youtube(segments[1])
    return None


def _youtube(video_id: str) -> VideoLink | None:
    return VideoLink("youtube", video_id) if YOUTUBE_ID.match(video_id) else None


def _vimeo_from_path(segments: list[str]) -> VideoLink | None:
    # vimeo.com/ID, vimeo.com/channels/staffpicks/ID, player.vimeo.com/video/ID: the id is the last number.
    for segment in reversed(segments):
        if VIMEO_ID.match(segment):
            return VideoLink("vimeo", segment)
    return None
