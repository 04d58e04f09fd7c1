# The local stand-in for mcr.microsoft.com/dotnet/runtime: Debian minbase plus the host's .NET runtime.
# Built by base-images.sh; the context is a folder holding dotnet/ (the dotnet host, host/fxr and
# shared/Microsoft.NETCore.App/<version>).
ARG DEBIAN_IMAGE=pipeline/debian:bookworm-minbase
FROM ${DEBIAN_IMAGE}
ARG DOTNET_VERSION
COPY dotnet/ /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
# No libicu in this image: globalization-invariant, as the projects are (InvariantGlobalization).
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true \
    DOTNET_VERSION=${DOTNET_VERSION}
LABEL org.pipeline.dotnet.runtime=${DOTNET_VERSION}
