#!/bin/bash
# latent4j's bench-encode and the PyTorch peer back to back, alternating, for ROUNDS rounds (default 3).
# Optional BASELINE=<dir of another checkout, compiled> adds that build's bench-encode (--threads 1, then 2)
# to each round, for before/after figures. Run from the repository root; set OPENBLAS_CORETYPE in
# the environment to choose OpenBLAS's kernels for all of them (see docs/performance.md).
set -euo pipefail
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat target/bench-classpath.txt)
JAVA="java -Xss4m -Xmx768m"
RUNS="--model pretrained --single-runs 1000 --batch-runs 10"
for round in $(seq 1 "${ROUNDS:-3}"); do
  echo "=== round $round, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, $(uptime)"
  if [ -n "${BASELINE:-}" ]; then
    for threads in 1 2; do
      echo "--- baseline, $threads thread(s)"
      $JAVA -cp "$BASELINE/target/classes:$CP" io.latent4j.cli.Main bench-encode $RUNS --threads "$threads" --rounds 1 | grep "^round"
    done
  fi
  echo "--- latent4j"
  $JAVA -cp "target/classes:$CP" io.latent4j.cli.Main bench-encode $RUNS --rounds 1 | grep "^round"
  echo "--- PyTorch"
  # torch.set_num_threads does not reach the OpenBLAS that Debian's torch calls: each count gets its own process.
  for threads in 1 2; do
    OPENBLAS_NUM_THREADS=$threads /usr/bin/python3 -u docs/bench/pytorch_encode.py --rounds 1 --single-runs 1000 \
        --batch-runs 10 --threads "$threads" | grep "^round"
  done
done
