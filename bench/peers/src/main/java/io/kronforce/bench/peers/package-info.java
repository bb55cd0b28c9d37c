/**
 * The peers' side of {@code bench/peers.sh}: Quartz, db-scheduler and JobRunr run the four
 * workloads our controller runs (burst, single-run latency, cron precision, footprint), each in a
 * fresh JVM that stops itself, and print one {@code RESULT} line per run; {@link
 * io.kronforce.bench.peers.Summarize} turns both sides' lines into one table with ratios against
 * db-scheduler on SQLite from the same run (see {@code bench/README.md}).
 */
package io.kronforce.bench.peers;
