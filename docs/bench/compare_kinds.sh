#!/bin/bash
# docs/vae.md's side-by-side: trains the plain and the variational autoencoder with the tutorial
# preset on MNIST digits 1, 5, 6 (wall time of each train command), then measures both models with
# example.consumer.CompareKinds (public API only). Run from the repository root with MNIST_DIR set.
set -euo pipefail
OUT=${OUT:-out/compare}
mkdir -p "$OUT"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat target/bench-classpath.txt)
echo "$(uptime)"
for kind in ae vae; do
  start=$(date +%s.%N)
  java -Xss4m -Xmx768m -cp "target/classes:$CP" io.latent4j.cli.Main train --kind "$kind" \
      --model-out "$OUT/$kind.zip" --export-dir "$OUT/$kind-report" | grep -E "^(Trained|Test)"
  echo "$kind: wall $(echo "$(date +%s.%N) - $start" | bc) s"
done
java -Xss4m -Xmx768m -cp "target/test-classes:target/classes:$CP" example.consumer.CompareKinds "$OUT/ae.zip" "$OUT/vae.zip"
