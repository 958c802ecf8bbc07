"""Container image references, as every kind writes them (FROM, image:, uses: docker://).

``parse_image("registry:5000/team/app:1.2@sha256:...")`` splits a reference the way the
Docker distribution reference grammar does: the registry is the first path component
when it looks like a host (has a dot or a port, or is ``localhost``), the tag follows the
last colon after the last slash, the digest follows ``@``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Tags that move: pinning to them is not pinning.
FLOATING_TAGS = frozenset(("latest", "stable", "edge", "nightly", "main", "master", "dev", "develop", "head"))


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
        return self.digest is None and (self.tag is None or self.tag.lower() in FLOATING_TAGS)

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


def is_scratch(text: str) -> bool:
    return text.strip().lower() == "scratch"
