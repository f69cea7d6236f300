#!/usr/bin/env bash
# Does what the Dockerfile's runtime stage does, on this machine and without Docker:
# builds lib/ in the checkout, installs the production dependencies alone in a
# temporary directory, starts the built app there in production mode (no Redis)
# and checks it answers as the image's HEALTHCHECK and GitHub expect.
# Network: the npm registry (npm ci) and loopback only; the app's GitHub is a
# closed loopback port. One line per check with the seconds it took; exits
# non-zero on any failure. test/e2e/production-install.test.ts holds the
# Dockerfile to the same files and install command.
set -uo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD

# What the runtime stage copies, and how it installs (kept in step with the Dockerfile by the test).
RUNTIME_FILES=(package.json package-lock.json lib bin scripts/build-if-possible.mjs app.yml)
RUNTIME_INSTALL="npm ci --omit=dev --ignore-scripts --no-audit --no-fund"

work=$(mktemp -d "${TMPDIR:-/tmp}/factory-production.XXXXXX")
app_pid=""
app_log="$work/app.log"
failures=0

cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null
    wait "$app_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
# report <ok|FAIL> <what> <start>
report() {
  local seconds
  seconds=$(awk -v a="$3" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  printf '%-4s %s (%ss)\n' "$1" "$2" "$seconds"
  if [ "$1" != ok ]; then failures=$((failures + 1)); fi
}
fail_with() {
  printf '%s\n' "$@" | sed 's/^/     /' >&2
}
# A free loopback port (free when asked; nothing else here races for it).
free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
# http <method> <url> [header…] [-- body]: prints "<status> <body>", or "000 <error>".
http() {
  node -e '
    const [method, url, ...rest] = process.argv.slice(1);
    const split = rest.indexOf("--");
    const headers = Object.fromEntries((split < 0 ? rest : rest.slice(0, split)).map((h) => [h.slice(0, h.indexOf(":")), h.slice(h.indexOf(":") + 1).trim()]));
    const body = split < 0 ? undefined : rest.slice(split + 1).join(" ");
    fetch(url, { method, headers, body, signal: AbortSignal.timeout(5000) })
      .then(async (r) => console.log(r.status, await r.text()))
      .catch((e) => console.log("000", e.message));
  ' "$@"
}
app_alive() { [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; }

# 1. Build in the checkout, as the build stage does.
t=$(now)
if out=$(npm run -s build 2>&1) && [ -f lib/main.js ] && [ -f lib/cli/main.js ]; then
  report ok "npm run build in the checkout: lib/main.js and lib/cli/main.js" "$t"
else
  report FAIL "npm run build in the checkout" "$t"; fail_with "$out"
  exit 1
fi

# 2. The runtime stage's files, and its install: production dependencies only.
t=$(now)
for file in "${RUNTIME_FILES[@]}"; do
  mkdir -p "$work/$(dirname "$file")" && cp -R "$checkout/$file" "$work/$file"
done
if out=$(cd "$work" && $RUNTIME_INSTALL 2>&1); then
  report ok "$RUNTIME_INSTALL in a copy of ${RUNTIME_FILES[*]}" "$t"
else
  report FAIL "$RUNTIME_INSTALL" "$t"; fail_with "$out"
  exit 1
fi

t=$(now)
# Packages the lockfile marks dev-only (typescript, tsx, vitest …: not needed by any dependency) must be absent.
dev_present=$(cd "$work" && node -e '
  const { existsSync } = require("node:fs");
  const lock = require("./package-lock.json");
  const here = Object.entries(lock.packages).filter(([path, p]) => p.dev && path.startsWith("node_modules/") && existsSync(path));
  console.log(here.map(([path]) => path.slice("node_modules/".length)).join(" "));
')
if [ -z "$dev_present" ] && [ ! -e "$work/node_modules/typescript" ] && [ ! -e "$work/node_modules/tsx" ] && [ ! -e "$work/src" ] && [ ! -e "$work/tsconfig.json" ]; then
  report ok "no dev-only package (typescript, tsx, vitest …) and no sources in the install" "$t"
else
  report FAIL "dev-only packages or sources in the install: $dev_present" "$t"
fi

t=$(now)
if out=$(cd "$work" && npm run prestart 2>&1); then
  report ok "npm start's prestart passes without TypeScript (it checks lib/, builds nothing)" "$t"
else
  report FAIL "npm run prestart in the install" "$t"; fail_with "$out"
fi

# 3. The CLI from the built output, as the package's bin resolves it.
t=$(now)
if out=$(cd "$work" && npm_config_offline=true npx --no-install factory --help 2>&1) && grep -q "Usage: factory" <<<"$out"; then
  report ok "npx factory --help exits 0 (bin/factory.js -> lib/cli/main.js)" "$t"
else
  report FAIL "npx factory --help" "$t"; fail_with "$out"
fi

# 4. The app in production mode.
key=$(node -e 'const { generateKeyPairSync } = require("node:crypto"); process.stdout.write(generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey);')
secret=$(node -e 'console.log(require("node:crypto").randomBytes(24).toString("hex"))')
port=$(free_port)
github_port=$(free_port) # nothing listens there: any call to GitHub fails on loopback
run_app() { # run_app <webhook secret> <command…>: the app's environment, nothing inherited but PATH
  local webhook_secret=$1; shift
  (cd "$work" && exec env -i PATH="$PATH" HOME="$work" \
    NODE_ENV=production APP_ID=123456 PRIVATE_KEY="$key" WEBHOOK_SECRET="$webhook_secret" \
    HOST=127.0.0.1 PORT="$port" LOG_FORMAT=json LOG_LEVEL=info \
    GHE_HOST="127.0.0.1:$github_port" GHE_PROTOCOL=http \
    "$@")
}

t=$(now)
out=$(run_app development timeout 30 node lib/main.js 2>&1)
code=$?
if [ $code -ne 0 ] && [ $code -ne 124 ] && grep -q "WEBHOOK_SECRET" <<<"$out"; then
  report ok "refuses to start with WEBHOOK_SECRET=development (exit $code)" "$t"
else
  report FAIL "starting with WEBHOOK_SECRET=development should fail (exit $code)" "$t"; fail_with "$out"
fi

t=$(now)
run_app "$secret" node lib/main.js >"$app_log" 2>&1 &
app_pid=$!
ping=""
for _ in $(seq 1 150); do
  app_alive || break
  ping=$(http GET "http://127.0.0.1:$port/ping")
  [ "${ping%% *}" = 200 ] && break
  sleep 0.2
done
if [ "$ping" = "200 PONG" ]; then
  report ok "node lib/main.js (NODE_ENV=production, no Redis) listening; GET /ping -> 200 PONG" "$t"
else
  report FAIL "GET /ping -> 200 PONG (got: ${ping:-nothing}; app running: $(app_alive && echo yes || echo no))" "$t"
  fail_with "$(tail -n 20 "$app_log")"
fi

hook="http://127.0.0.1:$port/api/github/webhooks"
payload='{"zen":"Keep it logically awesome.","hook_id":1}'
t=$(now)
bad=$(http POST "$hook" "content-type: application/json" "x-github-event: ping" "x-github-delivery: 00000000-0000-4000-8000-000000000001" \
  "x-hub-signature-256: sha256=$(printf '0%.0s' $(seq 1 64))" -- "$payload")
status=${bad%% *}
if [[ $status =~ ^4[0-9][0-9]$ ]] && app_alive && [ "$(http GET "http://127.0.0.1:$port/ping")" = "200 PONG" ]; then
  report ok "POST /api/github/webhooks with a bad X-Hub-Signature-256 -> $status; the app keeps running" "$t"
else
  report FAIL "bad signature should be a 4xx and the app keep running (got: $bad)" "$t"
  fail_with "$(tail -n 20 "$app_log")"
fi

t=$(now)
signature=$(printf '%s' "$payload" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(require("node:crypto").createHmac("sha256", process.argv[1]).update(s).digest("hex")))' "$secret")
good=$(http POST "$hook" "content-type: application/json" "x-github-event: ping" "x-github-delivery: 00000000-0000-4000-8000-000000000002" \
  "x-hub-signature-256: sha256=$signature" -- "$payload")
if [[ ${good%% *} =~ ^2[0-9][0-9]$ ]] && app_alive; then
  report ok "the same webhook signed with WEBHOOK_SECRET -> ${good%% *}" "$t"
else
  report FAIL "a correctly signed webhook should be accepted (got: $good)" "$t"
  fail_with "$(tail -n 20 "$app_log")"
fi

# 5. Stop it as a container runtime or systemd would: SIGTERM.
t=$(now)
if app_alive; then
  kill -TERM "$app_pid"
  for _ in $(seq 1 50); do app_alive || break; sleep 0.2; done
  if app_alive; then
    report FAIL "the app should exit within 10 s of SIGTERM" "$t"
    kill -KILL "$app_pid" 2>/dev/null
  else
    report ok "the app exits on SIGTERM" "$t"
  fi
  wait "$app_pid" 2>/dev/null
  app_pid=""
else
  report FAIL "the app was not running to be stopped" "$t"
fi

if [ $failures -gt 0 ]; then
  echo "production install: $failures check(s) failed" >&2
  exit 1
fi
echo "production install: all checks passed"
