# syntax=docker/dockerfile:1
# okbot's container image: a static binary on an empty base, with the CA
# roots Discord's TLS needs, run as a non-root user.
#
#   docker build -t okbot .
#   docker run --env-file .env -p 8080:8080 okbot              # okbot serve (the default)
#   docker run --env-file .env -e OKBOT_ADMIN_ADDR=:9090 okbot run
#
# .ci/run builds the binary with the same command as below (it checks the
# line is here verbatim) and runs it from an empty directory, since no
# container engine runs in CI.

ARG GO_VERSION=1.26.8

FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Static (no cgo, so no libc to find at run time), reproducible (-trimpath,
# no VCS stamp, no build id) and stripped.
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags='-s -w -buildid=' -o /out/okbot ./cmd/okbot
# The run stage has no shell and no tools: check the binary here.
RUN /out/okbot validate

FROM scratch
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="okbot" \
      org.opencontainers.image.description="A Discord bot answering fans' questions about the K-drama It's Okay to Not Be Okay" \
      org.opencontainers.image.source="https://github.com/okbot/okbot" \
      org.opencontainers.image.documentation="https://github.com/okbot/okbot#deploying" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
# CA roots for https://discord.com and wss://gateway.discord.gg.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/okbot /okbot
# A numeric user, so that Kubernetes' runAsNonRoot can verify it; scratch
# has no /etc/passwd to name one.
USER 65532:65532
# 8080: okbot serve's interactions endpoint (OKBOT_ADDR, with /healthz and
# /readyz). 9090: the admin listener the manifests set with
# OKBOT_ADMIN_ADDR=:9090 (/metrics, /healthz, /readyz); off unless set.
EXPOSE 8080 9090
# okbot healthcheck asks /healthz on OKBOT_ADMIN_ADDR when it is set, else
# on OKBOT_ADDR; in gateway mode set OKBOT_ADMIN_ADDR, its only health
# endpoint. It exits 0 or 1, never Docker's reserved 2.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["/okbot", "healthcheck"]
ENTRYPOINT ["/okbot"]
CMD ["serve"]
