-- Hostile DoH answers, for the tests that every answer is checked before it is believed
-- (loaded by scripts/doh-server.sh into dnsdist). A query whose name has one of the labels
-- below (e.g. "bare-nx.lie.test", "_dmarc.bare-nx.lie.test", "66.2.0.192.bare-nx.lie.test"),
-- or the reverse name of 192.0.2.66, gets the body built here instead of unbound's answer;
-- names under slow.test get unbound's answer late. Everything else goes to unbound as is.

local function u16(n) return string.char(math.floor(n / 256) % 256, n % 256) end
local function u32(n) return u16(math.floor(n / 65536)) .. u16(n % 65536) end

local function wire(name)
  local out = {}
  for label in name:gmatch('[^.]+') do out[#out + 1] = string.char(#label) .. label end
  return table.concat(out) .. '\0'
end

-- A DNS message: id, flags, questions { {name, type, class} }, answers { {name, type, rdata} }.
local function message(id, flags, questions, answers)
  local out = { u16(id), u16(flags), u16(#questions), u16(#answers), u16(0), u16(0) }
  for _, q in ipairs(questions) do out[#out + 1] = wire(q[1]) .. u16(q[2]) .. u16(q[3]) end
  for _, a in ipairs(answers) do
    out[#out + 1] = wire(a[1]) .. u16(a[2]) .. u16(1) .. u32(300) .. u16(#a[3]) .. a[3]
  end
  return table.concat(out)
end

local IN, CH = 1, 3
local NOERROR_FLAGS, NXDOMAIN_FLAGS = 0x8180, 0x8183
local a_192_0_2_1 = string.char(192, 0, 2, 1)

-- Each case: the body for a question (name, type).
local cases = {
  -- The header of an NXDOMAIN answer and nothing else: no question section at all.
  ['bare-nx'] = function(_, _) return message(0, NXDOMAIN_FLAGS, {}, {}) end,
  -- The header of a "no error, no records" answer without a question section.
  ['bare-nodata'] = function(_, _) return message(0, NOERROR_FLAGS, {}, {}) end,
  ['wrong-id'] = function(n, t) return message(0x4242, NXDOMAIN_FLAGS, { { n, t, IN } }, {}) end,
  ['no-qr'] = function(n, t) return message(0, 0x0183, { { n, t, IN } }, {}) end,
  ['other-name'] = function(_, t) return message(0, NXDOMAIN_FLAGS, { { 'elsewhere.test', t, IN } }, {}) end,
  ['other-type'] = function(n, t) return message(0, NXDOMAIN_FLAGS, { { n, t == 15 and 1 or 15, IN } }, {}) end,
  ['other-class'] = function(n, t) return message(0, NXDOMAIN_FLAGS, { { n, t, CH } }, {}) end,
  ['two-questions'] = function(n, t)
    return message(0, NXDOMAIN_FLAGS, { { n, t, IN }, { n, t, IN } }, {})
  end,
  -- Opcode 2 (STATUS), not a QUERY answer.
  ['opcode'] = function(n, t) return message(0, 0x9180, { { n, t, IN } }, { { n, 1, a_192_0_2_1 } }) end,
  -- A reserved RCODE.
  ['rcode'] = function(n, t) return message(0, 0x818b, { { n, t, IN } }, {}) end,
  -- A well-formed answer built the same way: proves the builder, must be believed.
  ['honest'] = function(n, t) return message(0, NOERROR_FLAGS, { { n, t, IN } }, { { n, 1, a_192_0_2_1 } }) end,
}

function liar(dq)
  local name = dq.qname:toString():lower()
  -- Names under slow.test: unbound's real answer, 0.3 s late (this blocks dnsdist meanwhile,
  -- so keep the number of slow queries small).
  if name:sub(-#'.slow.test.') == '.slow.test.' or name == 'slow.test.' then
    os.execute('sleep 0.3')
    return DNSAction.None, ''
  end
  local case = nil
  if name == '66.2.0.192.in-addr.arpa.' then case = 'bare-nx' end
  for label in name:gmatch('[^.]+') do
    if case == nil and cases[label] ~= nil then case = label end
  end
  if case == nil then return DNSAction.None, '' end
  dq.dh:setQR(true)
  dq:setHTTPResponse(200, cases[case](name, dq.qtype), 'application/dns-message')
  return DNSAction.HeaderModify, ''
end

addAction(OrRule({ makeRule('lie.test.'), makeRule('slow.test.'), makeRule('66.2.0.192.in-addr.arpa.') }), LuaAction(liar))
