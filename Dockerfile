# Garant in a container: slim Python, non-root user, database on a volume.
#   docker build -t garant .
#   docker run -it -v garant-data:/data --env-file .env garant
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# Time-zone data for the scheduler; fonts with accents for the report charts; Grammalecte,
# the French grammar checker of the `grammar` rule kind (Debian's package; Garant finds it).
RUN apt-get update && apt-get install -y --no-install-recommends tzdata fonts-dejavu-core \
        python3-grammalecte \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY charters ./charters
RUN pip install .

RUN useradd --create-home --uid 10001 garant && mkdir -p /data && chown garant /data
USER garant
# /data holds garant.yaml (optional: the bundled example is used without it),
# the database and your charters directory.
VOLUME ["/data"]
WORKDIR /data

ENTRYPOINT ["garant"]
CMD ["run"]
