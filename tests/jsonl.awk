# Turns spoolfix's JSON Lines findings into tab-separated fields:
#   rule  severity  key  value  fix  message
# JSON strings are decoded except \uXXXX escapes, which stay as written
# (so a test can name a control character as \u001b).  "value" is
# "null" when the finding has none.
function jstr(s, i,    out, c, n) {
	out = ""
	n = length(s)
	for (; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") { JEND = i; return out }
		if (c == "\\") {
			i++
			c = substr(s, i, 1)
			if (c == "n") c = "\\n"
			else if (c == "t") c = "\\t"
			else if (c == "r") c = "\\r"
			else if (c == "u") c = "\\u"
		}
		out = out c
	}
	JEND = n
	return out
}
function field(line, name,    p, rest) {
	p = index(line, "\"" name "\":")
	if (p == 0) return ""
	p += length(name) + 3
	if (substr(line, p, 1) != "\"") {
		rest = substr(line, p)
		sub(/[,}].*/, "", rest)
		return rest
	}
	return jstr(line, p + 1)
}
/^\{"rule":/ {
	printf "%s\t%s\t%s\t%s\t%s\t%s\n", field($0, "rule"),
	    field($0, "severity"), field($0, "key"), field($0, "value"),
	    field($0, "fix"), field($0, "message")
}
