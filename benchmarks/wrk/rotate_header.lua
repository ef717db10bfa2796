-- Each request carries the next line of $ZT_LINES as the header $ZT_HEADER (prefixed by $ZT_PREFIX):
-- a different signed-in person per request, in turn. Each wrk thread starts at its own place in the list.
local lines = {}
for line in io.lines(os.getenv("ZT_LINES")) do
  if line ~= "" then lines[#lines + 1] = line end
end
local header = os.getenv("ZT_HEADER")
local prefix = os.getenv("ZT_PREFIX") or ""
local counter = 0
local threads = 0

function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", nil, { [header] = prefix .. lines[(counter % #lines) + 1] })
end
