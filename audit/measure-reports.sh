#!/usr/bin/env bash
# Times the report routes against a running `qsafe audit` holding 100,000 generated events, with one
# search page of 1,000 events as the baseline measured in the same run. Usage:
#   ./qsafe audit --listen 127.0.0.1:19466 --data-dir /tmp/qsafe-measure &   # then:
#   audit/measure-reports.sh 127.0.0.1:19466
set -euo pipefail
server=${1:-127.0.0.1:19466}
python3 - "$server" <<'PY'
import json, random, sys, time, urllib.request, urllib.error, datetime
server = sys.argv[1]
random.seed(1)
algorithms = ["ML-DSA-65", "ML-KEM-768", "X25519MLKEM768", "RSA-2048", "ECDSA-P256", "SLH-DSA-SHA2-128F"]
components = ["pqc-engine", "sidecar", "core-banking", "settlement-node"]
clients = ["client-%d" % i for i in range(50)]
start = datetime.datetime(2026, 11, 23, 10, 0, 0, tzinfo=datetime.timezone.utc)
for batch in range(20):
    lines = []
    for i in range(5000):
        k = batch * 5000 + i
        algorithm = random.choice(algorithms)
        lines.append(json.dumps({
            "timestamp": (start + datetime.timedelta(milliseconds=k * 36)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "component": random.choice(components), "operation": random.choice(["sign", "verify", "encapsulate", "decapsulate"]),
            "algorithm": algorithm, "duration_ms": 0.3, "status": "OK" if random.random() > 0.01 else "FAILED",
            "client_id": random.choice(clients), "payload_size": random.randint(64, 4096),
            "key_id": algorithm.lower() + "-k%d" % random.randint(0, 5)}))
    request = urllib.request.Request("http://%s/api/audit/events" % server, data="\n".join(lines).encode(), method="POST")
    while True:
        try:
            urllib.request.urlopen(request).read()
            break
        except urllib.error.HTTPError as e:
            if e.code != 503:
                raise
            time.sleep(0.5)
while json.load(urllib.request.urlopen("http://%s/health" % server))["pending_events"] > 0:
    time.sleep(0.2)
time.sleep(2)  # the store commits every second
PY
range="from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z"
for run in 1 2 3; do
  for path in "events?limit=1000&$range" "overview?range=24h" "reports/json?$range" "reports/pdf?$range" "reports/csv?$range" "cbom?$range"; do
    curl -s -o /dev/null -w "run $run  %{time_total}s  $path\n" "http://$server/api/audit/$path"
  done
done
