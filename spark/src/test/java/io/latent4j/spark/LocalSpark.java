package io.latent4j.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: one session per test JVM, two task slots, no UI, few shuffle partitions. */
final class LocalSpark {
    /** {@code local[N,F]}: in local mode F is spark.task.maxFailures; 2 lets a task be retried once. */
    static final String MASTER = "local[2,2]";

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().appName("latent4j-spark tests").master(MASTER)
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
