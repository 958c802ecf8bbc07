# A small lintkit image:
#   docker build -t lintkit .
#   docker run --rm -v "$PWD:/src" lintkit check --output-format concise .
# The build stage installs lintkit into a virtualenv; the final stage copies only that
# virtualenv onto the same pinned base and runs as an unprivileged user.
FROM python:3.12-alpine@sha256:236173eb74001afe2f60862de935b74fcbd00adfca247b2c27051a70a6a39a2d AS build
WORKDIR /build
COPY pyproject.toml README.md ./
COPY lintkit lintkit
COPY rules rules
RUN python -m venv /opt/lintkit && /opt/lintkit/bin/pip install --disable-pip-version-check --no-cache-dir .

FROM python:3.12-alpine@sha256:236173eb74001afe2f60862de935b74fcbd00adfca247b2c27051a70a6a39a2d
LABEL org.opencontainers.image.source="https://github.com/lintkit/lintkit" \
      org.opencontainers.image.description="lintkit: one linter for Dockerfiles, compose, Kubernetes, Ansible and CI files" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /opt/lintkit /opt/lintkit
ENV PATH=/opt/lintkit/bin:$PATH
RUN adduser -D -H -u 10001 lintkit
USER 10001:10001
WORKDIR /src
HEALTHCHECK NONE
ENTRYPOINT ["lintkit"]
CMD ["check", "."]
