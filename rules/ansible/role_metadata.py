"""Role metadata (meta/main.yml) left at its template values or malformed."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: galaxy_info fields and the placeholder `ansible-galaxy role init` writes there.
_PLACEHOLDERS = (
    ("author", "your name"),
    ("description", "your description"),
    ("company", "your company (optional)"),
    ("license", "license (GPLv2, CC-BY, etc)"),
    ("license", "license (GPL-2.0-or-later, MIT, etc)"),
)
_TAG = re.compile(r"^[a-z0-9]+$")
_VIDEO_URLS = (
    re.compile(r"https://drive\.google\.com.*file/d/([0-9A-Za-z-_]+)/.*"),
    re.compile(r"https://vimeo\.com/([0-9]+)"),
    re.compile(r"https://youtu\.be/([0-9A-Za-z-_]+)"),
)


@rule(
    id="AN039",
    name="role-metadata",
    severity="warning",
    summary="meta/main.yml with template placeholders, invalid tags or video links",
    rationale=(
        "Galaxy and Automation Hub show a role's meta/main.yml: placeholders such as "
        "\"your name\" left from `ansible-galaxy role init` publish a role with no real "
        "author or license; tags must be lower-case letters and digits to be searchable; "
        "video links must be shared links of a supported provider."
    ),
    tags=("maintainability",),
    aliases=("ansible-lint:meta-incorrect", "ansible-lint:meta-no-tags", "ansible-lint:meta-video-links"),
    examples=(
        Example(
            bad="galaxy_info:\n  author: your name\n  description: Web server\n  license: MIT\n  min_ansible_version: \"2.15\"\n",
            good="galaxy_info:\n  author: Jane Doe\n  description: Web server\n  license: MIT\n  min_ansible_version: \"2.15\"\n",
            filename="roles/web/meta/main.yml",
        ),
    ),
)
def check(meta, ctx):
    if meta.role != "meta":
        return
    for document in meta.documents:
        info = document.root.get("galaxy_info") if isinstance(document.root, YMap) else None
        if isinstance(info, YMap):
            yield from _placeholders(info)
            yield from _tags(info)
            yield from _videos(info)


def _placeholders(info: YMap):
    for field, placeholder in _PLACEHOLDERS:
        if info.get(field) == placeholder:
            yield Problem(info.value_span(field), f"Change the template value of galaxy_info.{field} ({placeholder!r})")


def _tags(info: YMap):
    for key in ("galaxy_tags", "categories"):
        if key not in info:
            continue
        tags = info[key]
        if key == "categories":
            yield Problem(info.key_span(key), "Use galaxy_tags rather than categories")
        if not isinstance(tags, YSeq):
            yield Problem(info.value_span(key), f"{key} should be a list")
            continue
        for index, tag in enumerate(tags):
            if not isinstance(tag, str) or not _TAG.match(tag):
                yield Problem(tags.item_span(index), f"Tag {tag!r} should contain lower-case letters and digits only")


def _videos(info: YMap):
    links = info.get("video_links")
    if not isinstance(links, YSeq):
        return
    for index, video in enumerate(links):
        if not isinstance(video, YMap):
            yield Problem(links.item_span(index), "video_links items should be mappings with url and title")
        elif set(video) - {"url", "title"}:
            yield Problem(links.item_span(index), "video_links items should have only url and title")
        elif not any(p.match(str(video.get("url", ""))) for p in _VIDEO_URLS):
            yield Problem(video.span_of("url"), "Video link should be a shared link from Vimeo, YouTube or Google Drive")
