# syntax=docker/dockerfile:1
# One image for every role of `bmo` (serve --role api|ai|worker|all, migrate, seed, ingest, probe).
# The same image the SDK builds without Docker (`dotnet publish -t:PublishContainer`, see
# src/BmoLearning.Host/BmoLearning.Host.csproj); this file is for people who have Docker.
#
#   docker build -t bmo-learning .
#   docker run --rm -p 127.0.0.1:8080:8080 -v bmo-data:/home/app/data bmo-learning     # embedded default
#
# Base images are build arguments, so the file also builds from a private or local registry:
#   docker build --build-arg SDK_IMAGE=registry.example/dotnet/sdk:10.0 \
#                --build-arg RUNTIME_IMAGE=registry.example/dotnet/aspnet:10.0 .
# The runtime image needs the ASP.NET Core 10 shared framework and a user with uid 1654 is assumed
# (Microsoft's `app` user); cross-builds (--platform linux/arm64 for Graviton) restore for TARGETARCH.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY content/ content/
# The NuGet cache mount keeps packages between builds (BuildKit and Buildah both support it).
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/BmoLearning.Host/BmoLearning.Host.csproj -c Release -a "${TARGETARCH:-amd64}" \
      --self-contained false -o /out \
    && mkdir -p /empty/data

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /out/ ./
# The embedded default keeps its SQLite files here; owned by the app user (no RUN: works on shell-less bases).
COPY --from=build --chown=1654:1654 /empty/data /home/app/data
ENV ASPNETCORE_URLS=http://+:8080 \
    Bmo__DataDir=/home/app/data \
    Logging__Console__FormatterName=bmo-json \
    Telemetry__RequestLog=true
USER 1654
EXPOSE 8080
VOLUME ["/home/app/data"]
# No shell or curl needed: the app probes itself (exit 0 on 2xx). ECS runs the same command.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/bmo", "probe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/app/bmo"]
CMD ["serve"]
