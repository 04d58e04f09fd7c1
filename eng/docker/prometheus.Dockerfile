# The local stand-in for the official prom/prometheus image, where no registry can be reached (the compose test):
# Debian's prometheus package on the locally made minbase, with the official image's layout: the binary as
# ENTRYPOINT, config in /etc/prometheus/prometheus.yml, data in /prometheus, user nobody, and wget for health
# checks (busybox's in the official image).
# Built by eng/docker/service-images.sh; the context is eng/docker.
ARG DEBIAN_IMAGE=pipeline/debian:bookworm-minbase
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus wget \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /usr/share/doc/* /usr/share/man/* \
 && mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
VOLUME /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
