# The local stand-in for mcr.microsoft.com/dotnet/aspnet: base-runtime plus Microsoft.AspNetCore.App.
# Built by base-images.sh; the context is a folder holding dotnet/shared/Microsoft.AspNetCore.App/<version>.
ARG RUNTIME_IMAGE=pipeline/base-runtime:local
FROM ${RUNTIME_IMAGE}
ARG ASPNET_VERSION
ARG RUNTIME_ID
COPY dotnet/ /usr/share/dotnet/
ENV ASPNET_VERSION=${ASPNET_VERSION}
# The base-runtime image this was built on: base-images.sh rebuilds this one when that one changed.
LABEL org.pipeline.dotnet.aspnet=${ASPNET_VERSION} \
      org.pipeline.base-runtime.id=${RUNTIME_ID}
