-- wrk script for bench/scale.sh: each request asks the next path of a shuffled list (one path a
-- line, in the file named by the environment variable URLS), the THREADS threads taking turns
-- through it, so no page is asked twice in a run and every page is one the server has not cached.
-- `done` prints the latencies as one JSON line.
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
  step = tonumber(os.getenv("THREADS"))
  n = id + 1
end

function request()
  -- Past the end of the list it starts again; scale.sh checks the run asked fewer than the list holds.
  local path = paths[((n - 1) % #paths) + 1]
  n = n + step
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "errors": %d, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
