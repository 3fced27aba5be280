# Garant in a container: slim Python, non-root user, database on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# Time-zone data for the scheduler (also shipped as the tzdata wheel).
RUN apt-get update && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY charters ./charters
RUN pip install .

RUN useradd --create-home --uid 10001 garant && mkdir -p /data && chown garant /data
USER garant
VOLUME ["/data"]
WORKDIR /data

ENTRYPOINT ["garant"]
CMD ["check", "--help"]
