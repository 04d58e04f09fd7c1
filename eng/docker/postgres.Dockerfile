# The local stand-in for the official postgres image, where no registry can be reached (the compose test):
# Debian's PostgreSQL 15 on the locally made minbase, with an entrypoint that honours the part of the official
# image's environment contract docker-compose.yml uses: POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE,
# POSTGRES_USER, POSTGRES_DB, PGDATA; initdb on first start; `postgres` as PID 1 under the postgres user.
# Not honoured: /docker-entrypoint-initdb.d, POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD.
# Built by eng/docker/service-images.sh; the context is eng/docker.
ARG DEBIAN_IMAGE=pipeline/debian:bookworm-minbase
FROM ${DEBIAN_IMAGE}
# postgresql-common first, told not to create the package's own cluster: the entrypoint makes one in PGDATA.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-common \
 && sed -ri 's/^#?\s*create_main_cluster\s*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /usr/share/doc/* /usr/share/man/*
# The official image's paths: binaries on PATH (pg_isready for health checks), data in /var/lib/postgresql/data.
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
