# PasskeyGateway as a container image: the sidecar in front of an unmodified app (docs/deploy.md,
# config/kubernetes/). Two stages: the SDK publishes the gateway, the ASP.NET Core runtime runs it.
#
# The build stage is the plain `dotnet publish src/Gateway -c Release -o /app` (a framework-dependent gateway.dll,
# DESIGN.md §9). tests/Gateway.IntegrationTests/Deployment runs this very stage without a Docker engine: it copies the
# build context as .dockerignore leaves it, follows the COPY lines, runs the RUN line, and starts what it published
# as a non-root user on a read-only root filesystem.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# global.json pins the SDK band (10.0.400 or a later feature band: the sdk:10.0 image's); .editorconfig holds the
# analyzer rules the build enforces as errors, so the image is built under the same rules as every local build.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# The cache mount keeps NuGet packages between builds (BuildKit: Docker 23's default, DOCKER_BUILDKIT=1 before).
RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish src/Gateway -c Release -o /app

# The full ASP.NET Core runtime image, not a chiseled one without ICU: the gateway compares usernames in Unicode NFKC
# (UsernameNormalizer), which a globalization-invariant runtime silently skips. (-noble-chiseled-extra has ICU too.)
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .

# The only place the gateway writes: the development signing key (when no PEM key is mounted) and the SQLite file.
# Point Gateway:DataDirectory here; with a read-only root filesystem mount a writable volume (Kubernetes: emptyDir).
RUN install -d -o 1654 -g 1654 -m 0700 /var/lib/passkey-gateway
VOLUME /var/lib/passkey-gateway

# ASPNETCORE_URLS rather than the image's ASPNETCORE_HTTP_PORTS (emptied so Kestrel does not warn that URLS
# overrides it): the gateway adds Gateway:Metrics:Port to the URLS setting and, without one, falls back to
# http://localhost:5000, the legacy app's port in the pod.
# DOTNET_USE_POLLING_FILE_WATCHER: a ConfigMap update swaps a symlink (..data) and never touches gateway.json itself,
# so change notifications miss it; polling (every 4 s) compares the link target's write time and triggers the hot reload.
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false: with ICU missing, refuse to start instead of skipping normalization.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    GATEWAY_CONFIG=/etc/passkey-gateway/gateway.json \
    DOTNET_USE_POLLING_FILE_WATCHER=true \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false
EXPOSE 8080

# The image's non-root "app" user ($APP_UID), by number so Kubernetes' runAsNonRoot can check it.
# No HEALTHCHECK: Kubernetes probes /healthz and /readyz itself (config/kubernetes/).
USER 1654:1654
ENTRYPOINT ["dotnet", "gateway.dll"]
