#!/usr/bin/env python3
"""Where scan-ingest's CPU goes during a bench run, from a JFR recording of its JVM.

    python3 bench/jfr-buckets.py /tmp/ingest.jfr

(record with --service-jvm=-XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile). Counts the
jdk.ExecutionSample events of every thread but 'main' (startup) and puts each in the bucket of its innermost
frame that matches one: the innermost match, because JFR truncates deep stacks at the outer end and a
Jackson or lz4 frame says more than the request handler above it. Prints a Markdown table for docs/rfid.md.
"""
import collections
import re
import subprocess
import sys

BUCKETS = [
    ('reader time parsing', r'ReaderTimes|java\.time\.(format|LocalDate|LocalDateTime|chrono)'),
    ('EPC decode (SGTIN)', r'rfid\.Epc|rfid\.Sgtin|barcode\.Gs1'),
    ('observation ids (MD5 name-based UUID)', r'ObservationIds|java\.util\.UUID|MessageDigest|sun\.security'),
    ('de-duplication filter', r'TagFilter|SessionTags'),
    ('observation JSON write (Jackson)',
     r'platform\.json\.Json\.write|jackson\.core\.json\.UTF8JsonGenerator|jackson\.databind\.ser|Instant\.toString'),
    ('reader body JSON read', r'ImpinjEvents|ZebraEvents|JsonEvents|UTF8StreamJsonParser'),
    ('Kafka producer (records, lz4, network)', r'org\.apache\.kafka|net\.jpountz'),
    ('HTTP server, routing, body, response',
     r'io\.vertx|io\.netty|resteasy|ReaderResource|io\.quarkus\.(vertx|resteasy|hibernate\.validator)'),
]
OTHER = 'class loading, metrics, other'


def main(recording):
    printed = subprocess.run(['jfr', 'print', '--stack-depth', '200', '--events', 'jdk.ExecutionSample', recording],
                             capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    total = 0
    for sample in printed.split('jdk.ExecutionSample')[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', sample)
        if thread and thread.group(1) == 'main':
            continue
        frames = re.findall(r'^\s+([\w.$<>]+)\(', sample, re.M)
        if not frames:
            continue
        total += 1
        bucket = next((name for frame in frames for name, pattern in BUCKETS if re.search(pattern, frame)), OTHER)
        counts[bucket] += 1
    print(f'samples (threads other than main): {total}')
    print('| bucket | samples | share |\n|---|---|---|')
    for name, n in counts.most_common():
        print(f'| {name} | {n} | {100 * n / total:.1f} % |')


if __name__ == '__main__':
    main(sys.argv[1])
