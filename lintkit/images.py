"""Container image references, as every kind writes them (FROM, image:, uses: docker://).

``parse_image("registry:5000/team/app:1.2@sha256:...")`` splits a reference the way the
Docker distribution reference grammar does: the registry is the first path component
when it looks like a host (has a dot or a port, or is ``localhost``), the tag follows the
last colon after the last slash, the digest follows ``@``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Tags that move: pinning to them is not pinning. A tag that is a major version only
#: (``node:20``, ``python:3-slim``) moves too (see :attr:`ImageRef.floating_tag`).
FLOATING_TAGS = frozenset(
    (
        "latest", "stable", "edge", "nightly", "main", "master", "dev", "develop", "head", "lts",
        "current", "rolling", "test", "beta", "canary",
    )
)  # fmt: skip
#: ``20``, ``v3``, ``3-alpine``: the version is a major number alone (a date such as
#: ``20240101`` has more digits and is a fixed build).
_MAJOR_ONLY = re.compile(r"v?[0-9]{1,3}(?:-[A-Za-z][\w.-]*)?")

# The distribution reference grammar that BuildKit, compose and the kubelet parse image
# references with, applied piece by piece (each pattern linear on any input).
_PATH_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_PORT = re.compile(r"[0-9]+")
_TAG = re.compile(r"[\w][\w.-]{0,127}")
_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")


@dataclass(frozen=True, slots=True)
class ImageRef:
    text: str
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def has_variable(self) -> bool:
        """Contains ``$VAR``/``${VAR}``/``{{ }}`` parts that are resolved elsewhere."""
        return "$" in self.text or "{{" in self.text

    @property
    def untagged(self) -> bool:
        return self.tag is None and self.digest is None

    @property
    def latest(self) -> bool:
        return self.tag == "latest" and self.digest is None

    @property
    def floating(self) -> bool:
        return self.digest is None and (self.tag is None or self.floating_tag is not None)

    @property
    def floating_tag(self) -> str | None:
        """The tag when it moves (``latest``, ``lts``, ``stable``, a major version only)."""
        tag = self.tag
        if tag is None or not (tag.lower() in FLOATING_TAGS or _MAJOR_ONLY.fullmatch(tag)):
            return None
        return tag

    @property
    def untagged_or_latest(self) -> bool:
        """What every other tool calls unpinned (the rest of :attr:`floating` is lintkit's)."""
        return self.digest is None and (self.tag is None or self.tag == "latest")

    @property
    def pinning_problem(self) -> str | None:
        """Why the reference does not name one image, as messages of every kind say it:
        "no tag (so latest)", "the latest tag", "the floating tag 'lts'", "only a major
        version (20)"; None for a fixed tag or a digest."""
        if self.digest is not None:
            return None
        if self.tag is None:
            return "no tag (so latest)"
        tag = self.floating_tag
        if tag is None:
            return None
        if tag == "latest":
            return "the latest tag"
        if tag.lower() in FLOATING_TAGS:
            return f"the floating tag {tag!r}"
        return f"only a major version ({tag})"

    @property
    def tag_offset(self) -> int | None:
        """Offset of the tag's first character in ``text`` (for pointing at it)."""
        if self.tag is None:
            return None
        end = self.text.find("@") if self.digest else len(self.text)
        return end - len(self.tag)


def parse_image(text: str) -> ImageRef:
    reference = text.strip()
    digest = None
    if "@" in reference:
        reference, _, digest = reference.partition("@")
    registry = None
    first, slash, rest = reference.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, reference = first, rest
    tag = None
    last_slash = reference.rfind("/")
    colon = reference.rfind(":")
    if colon > last_slash:
        reference, tag = reference[:colon], reference[colon + 1 :]
    return ImageRef(text.strip(), registry, reference, tag or None, digest or None)


#: Images made to develop in, not to ship: the Dev Containers base images.
_DEV_CONTAINER_REPOSITORIES = ("devcontainers/", "vscode/devcontainers/")


def is_dev_container_image(image: ImageRef) -> bool:
    """``mcr.microsoft.com/devcontainers/python:3.12`` and its older ``vscode/`` name."""
    return image.registry == "mcr.microsoft.com" and image.repository.startswith(_DEV_CONTAINER_REPOSITORIES)


def reference_error(text: str) -> str | None:
    """Why ``text`` is not a valid image reference (None: it is). ``img:sha256:<hex>``
    (a ``:`` where the digest's ``@`` belongs), an uppercase repository and an empty tag
    all fail to pull or build."""
    reference = text.strip()
    if not reference:
        return "the image is empty"
    name, at, digest = reference.partition("@")
    if at and not _DIGEST.fullmatch(digest):
        return f"{digest!r} is not a digest (algorithm:hex)"
    first, slash, rest = name.partition("/")
    domain = first if slash and ("." in first or ":" in first or first == "localhost") else None
    path = rest if domain is not None else name
    host, colon, port = (domain or "").partition(":")
    if domain is not None and (
        not all(_DOMAIN_LABEL.fullmatch(label) for label in host.split(".")) or (colon and not _PORT.fullmatch(port))
    ):
        return f"{domain!r} is not a registry host"
    last_slash = path.rfind("/")
    repository, colon, tag = path, "", ""
    if path.rfind(":") > last_slash:
        repository, colon, tag = path.rpartition(":")
    if colon and not tag:
        return "the tag after ':' is empty"
    if colon and ":" in repository[last_slash + 1 :] and _HEX_DIGEST.fullmatch(tag):
        base, _, algorithm = repository.rpartition(":")
        return f"a digest follows '@', not ':' ({base}@{algorithm}:{tag[:12]}...)"
    if colon and not _TAG.fullmatch(tag):
        return f"{tag!r} is not a valid tag"
    for component in repository.split("/"):
        if _PATH_COMPONENT.fullmatch(component):
            continue
        if _PATH_COMPONENT.fullmatch(component.lower()):
            return f"repository names are lowercase ({repository})"
        return f"{repository!r} is not a valid repository name"
    return None


def written_reference_error(text: str) -> str | None:
    """:func:`reference_error` of an image written out in a file; None for a template
    that something else fills in (``$IMAGE``, ``{{ .image }}``, ``{IMAGE}``, ``<your-image>``)."""
    if any(mark in text for mark in ("$", "{", "<")):
        return None
    return reference_error(text)


def is_scratch(text: str) -> bool:
    return text.strip().lower() == "scratch"
