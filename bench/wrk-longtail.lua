-- Each request asks for a random path from a list (one path a line, file named by BENCH_PATHS): uncached requests
-- spread over many articles, so that a page benchmark is not served by whatever caches sit below the page cache
-- (SQLite's page cache, the OS file cache for one article's rows). The done hook is wrk-report.lua's.
local report = os.getenv("BENCH_REPORT_LUA") or "bench/wrk-report.lua"
dofile(report)

local list = os.getenv("BENCH_PATHS") or error("BENCH_PATHS: Datei mit einem Pfad je Zeile fehlt")
local paths = {}
for line in io.lines(list) do
  if #line > 0 then paths[#paths + 1] = line end
end
if #paths == 0 then error(list .. " enthält keinen Pfad") end

-- Every thread its own, but reproducible, sequence.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("number", threads)
end

init = function(args)
  math.randomseed(7919 * (number or 1))
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
