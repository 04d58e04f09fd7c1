# The local stand-in for mcr.microsoft.com/dotnet/runtime: Debian minbase plus the host's .NET runtime.
# Built by base-images.sh; the context is a folder holding dotnet/ (the dotnet host, host/fxr and
# shared/Microsoft.NETCore.App/<version>) and ca/.
ARG DEBIAN_IMAGE=pipeline/debian:bookworm-minbase
FROM ${DEBIAN_IMAGE}
ARG DOTNET_VERSION
ARG HOST_CA=none
COPY dotnet/ /usr/share/dotnet/
# ca/: the certificate authorities the building machine added to its own trust store (may be empty).
COPY ca/ /usr/local/share/ca-certificates/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates >/dev/null 2>&1
# No libicu in this image: globalization-invariant, as the projects are (InvariantGlobalization).
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    DOTNET_VERSION=${DOTNET_VERSION}
LABEL org.pipeline.dotnet.runtime=${DOTNET_VERSION} \
      org.pipeline.host-ca=${HOST_CA}
