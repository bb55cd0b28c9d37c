#!/usr/bin/env sh
# Lays out the Lambda code folder the template's CodeUri points at: the agent jar and its runtime
# libraries under lib/ (the Java runtime puts every jar of lib/ on the class path).
#   infra/sam/package.sh [OUT]   (default infra/sam/.build; builds the agent first when missing)
set -eu
cd "$(dirname "$0")/../.."
out=${1:-infra/sam/.build}
jar=worker-runtime/agent/target/kronforce-agent.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl worker-runtime/agent -am package
fi
rm -rf "$out"
mkdir -p "$out/lib"
cp "$jar" worker-runtime/agent/target/libs/*.jar "$out/lib/"
echo "$out: $(ls "$out/lib" | wc -l) jars"
