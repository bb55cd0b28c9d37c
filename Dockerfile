# syntax=docker/dockerfile:1
# The same two images `./kronforce image` builds with Jib, for hosts that have Docker (docs/DEPLOY.md):
#   docker build --target controller --build-arg REVISION=$(git rev-parse HEAD) -t kronforce/controller .
#   docker build --target worker     --build-arg REVISION=$(git rev-parse HEAD) -t kronforce/worker .
# Kept equivalent to infra/image/*/pom.xml: the root file system comes from the same script
# (infra/image/build-base.sh: glibc and busybox from Debian packages, a jlink runtime, Litestream,
# user 65532), and the entry points, flags, environment, volume and labels match. Differences: the
# class path is the jar's manifest (Jib lists the jars), and Docker's HEALTHCHECK is set here (Jib
# images carry the command as the io.kronforce.healthcheck label; compose and Kubernetes set it).

FROM eclipse-temurin:25-jdk AS jdk

FROM debian:bookworm AS build
COPY --from=jdk /opt/java/openjdk /opt/jdk
ENV JAVA_HOME=/opt/jdk
RUN apt-get update && apt-get install -y --no-install-recommends npm ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -ntp -DskipTests -pl controller,worker-runtime/agent -am package
RUN apt-get update && KF_ROOTFS_OUT=/rootfs infra/image/build-base.sh /tmp/base-tars

FROM scratch AS runtime
COPY --from=build /rootfs/runtime/ /
ENV PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin JAVA_HOME=/opt/java LANG=C.UTF-8
USER 65532:65532

FROM runtime AS controller
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
COPY --from=build /rootfs/litestream/ /
COPY --from=build /src/controller/target/libs/ /app/libs/
COPY --from=build /src/controller/target/kronforce-controller.jar /app/
ENV KRONFORCE_DB=/data/kronforce.db KRONFORCE_BIND=0.0.0.0:8080 KRONFORCE_LITESTREAM_BIN=/usr/local/bin/litestream
LABEL org.opencontainers.image.title=kronforce-controller \
      org.opencontainers.image.description="Kronforce workload-automation controller (JVM)" \
      org.opencontainers.image.version=$VERSION org.opencontainers.image.revision=$REVISION \
      org.opencontainers.image.licenses=Apache-2.0 io.kronforce.healthcheck=/usr/local/bin/kronforce-healthcheck
EXPOSE 8080
VOLUME /data
WORKDIR /data
HEALTHCHECK --interval=10s --timeout=6s --start-period=60s CMD ["/usr/local/bin/kronforce-healthcheck"]
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", \
            "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/data/.kronforce-classes.jsa", \
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/kronforce-controller.jar"]

FROM runtime AS worker
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
COPY --from=build /src/worker-runtime/agent/target/libs/ /app/libs/
COPY --from=build /src/worker-runtime/agent/target/kronforce-agent.jar /app/
COPY --from=build --chmod=755 /src/infra/image/worker/src/main/jib/usr/local/bin/kronforce /usr/local/bin/kronforce
LABEL org.opencontainers.image.title=kronforce-worker \
      org.opencontainers.image.description="Kronforce pull worker (default) and push agent (argument: agent)" \
      org.opencontainers.image.version=$VERSION org.opencontainers.image.revision=$REVISION \
      org.opencontainers.image.licenses=Apache-2.0
EXPOSE 8081
WORKDIR /home/kronforce
ENTRYPOINT ["/usr/local/bin/kronforce"]
CMD ["worker"]
