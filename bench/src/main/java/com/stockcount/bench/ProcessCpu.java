package com.stockcount.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the processes on the measured path, read from Linux's {@code /proc}, so every run prints where its
 * cores went instead of that being sampled by hand beside it: each JVM the bench started, every PostgreSQL server
 * process (the postmaster's reaped children included, so a backend that exits within the phase is not lost), the
 * bench's own JVM (client and Kafka broker), and the machine as a whole. On another OS every figure is absent.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: the unit of the times in {@code /proc/<pid>/stat} and {@code /proc/stat} on every mainstream build. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> jvms;

    /** @param jvms name → pid of the service JVMs to report (a null pid is left out) */
    ProcessCpu(Map<String, Long> jvms) {
        this.jvms = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            if (pid != null) {
                this.jvms.put(name, pid);
            }
        });
    }

    /** CPU seconds used so far, by name: the JVMs, "PostgreSQL", "bench+broker", and "machine" (all busy time). */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        jvms.forEach((name, pid) -> {
            long[] times = stat(pid);
            if (times != null) {
                seconds.put(name, (times[0] + times[1]) / TICKS_PER_SECOND);
            }
        });
        seconds.put("PostgreSQL", postgres() / TICKS_PER_SECOND);
        long[] self = stat(ProcessHandle.current().pid());
        if (self != null) {
            seconds.put("bench+broker", (self[0] + self[1]) / TICKS_PER_SECOND);
        }
        long busy = machineBusy();
        if (busy >= 0) {
            seconds.put("machine", busy / TICKS_PER_SECOND);
        }
        return seconds;
    }

    /** "name a.b / … core-s" of the difference between two samples. */
    static String between(Map<String, Double> before, Map<String, Double> after, double wallSeconds) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            Double start = before.get(entry.getKey());
            if (start == null || entry.getKey().equals("machine")) {
                continue;
            }
            line.append(line.length() == 0 ? "" : " / ").append(entry.getKey()).append(' ')
                    .append(String.format("%.1f", entry.getValue() - start));
        }
        line.append(" core-s");
        Double machineBefore = before.get("machine");
        Double machineAfter = after.get("machine");
        if (machineBefore != null && machineAfter != null) {
            int cores = Runtime.getRuntime().availableProcessors();
            double used = machineAfter - machineBefore;
            line.append(String.format("; machine %.1f of %d × %.1f s = %.0f %% busy", used, cores, wallSeconds,
                    100 * used / (cores * wallSeconds)));
        }
        return line.toString();
    }

    /** utime, stime, cutime, cstime of a process in ticks; null when it is gone or there is no {@code /proc}. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: fields are counted after its ')'
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14
            return new long[]{Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long postgres() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String comm;
                try {
                    comm = Files.readString(process.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                if (comm.equals("postgres")) {
                    long[] times = stat(Long.parseLong(process.getFileName().toString()));
                    if (times != null) {
                        ticks += times[0] + times[1] + times[2] + times[3];
                    }
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    /** All busy ticks of the machine (everything in the cpu line of {@code /proc/stat} but idle and iowait); -1 if unknown. */
    private static long machineBusy() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] fields = lines.get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal (guest times are already in user)
            for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
