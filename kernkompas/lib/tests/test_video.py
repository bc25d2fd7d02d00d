"""Video links: kernkompas.lib.video reads YouTube and Vimeo addresses without the network."""

from __future__ import annotations

import pytest

from kernkompas.lib.video import VideoLink, parse_video_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        " http://www.youtube.com/live/dQw4w9WgXcQ ",
    ],
)
def test_it_reads_the_id_from_every_kind_of_youtube_address(url):
    assert parse_video_url(url) == VideoLink("youtube", "dQw4w9WgXcQ")


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/76979871",
        "https://player.vimeo.com/video/76979871?h=abc",
        "https://vimeo.com/channels/staffpicks/76979871",
    ],
)
def test_it_reads_the_id_from_vimeo_addresses(url):
    assert parse_video_url(url) == VideoLink("vimeo", "76979871")


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "https://example.org/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/@channel",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "https://vimeo.com/about",
        "https://youtu.be/",
    ],
)
def test_anything_else_is_not_a_video_link(url):
    assert parse_video_url(url) is None


def test_the_player_address_is_the_privacy_friendly_one():
    assert parse_video_url("https://youtu.be/dQw4w9WgXcQ").embed_url.startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert "dnt=1" in parse_video_url("https://vimeo.com/76979871").embed_url
