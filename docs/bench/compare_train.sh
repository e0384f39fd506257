#!/bin/bash
# latent4j's training step (`bench`, batch 50) and the PyTorch peer (docs/bench/pytorch_train.py)
# back to back, alternating, for ROUNDS rounds (default 3), with THREADS threads each (default 2).
# Run from the repository root with MNIST_DIR set; PyTorch needs `apt-get install python3-torch`.
set -euo pipefail
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP=$(cat target/bench-classpath.txt)
for round in $(seq 1 "${ROUNDS:-3}"); do
  echo "=== round $round, $(uptime)"
  echo "--- latent4j"
  java -Xmx2g -cp "target/classes:$CP" io.latent4j.cli.Main bench --batch-sizes 50 --runs 3 --iterations 300 \
      --quality-runs 0 --peak-size 1024 --threads "${THREADS:-2}" | grep -E "^ *50 |GEMM"
  echo "--- PyTorch"
  OPENBLAS_NUM_THREADS=${THREADS:-2} /usr/bin/python3 -u docs/bench/pytorch_train.py --rounds 1 --threads "${THREADS:-2}" \
      | grep "^round"
done
