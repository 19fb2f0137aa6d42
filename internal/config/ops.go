package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LogFormat is how okbot writes its log lines (OKBOT_LOG_FORMAT).
type LogFormat string

const (
	// LogText is slog's key=value lines, the default: easy to read in a
	// terminal.
	LogText LogFormat = "text"
	// LogJSON is one JSON object per line, for log collectors.
	LogJSON LogFormat = "json"
)

// Cooldown is a per-user limit on commands (OKBOT_COOLDOWN): at most
// Uses in any Window. The zero Cooldown is off.
type Cooldown struct {
	Uses   int
	Window time.Duration
}

// On reports whether the limit is set: some uses in a window longer
// than zero.
func (c Cooldown) On() bool { return c.Uses > 0 && c.Window > 0 }

// String is the limit as OKBOT_COOLDOWN writes it, e.g. "5/30s".
func (c Cooldown) String() string {
	if !c.On() {
		return "off"
	}
	return fmt.Sprintf("%d/%s", c.Uses, c.Window)
}

// cooldownShape is USES/WINDOW, e.g. 5/30s or 10/1m.
var cooldownShape = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{1,4})/([0-9a-z.]+)$`) })

// loadOps reads the operator's settings: OKBOT_ADMIN_ADDR,
// OKBOT_LOG_FORMAT and OKBOT_COOLDOWN, reporting problems through bad.
func loadOps(getenv func(string) string, mode Mode, c *Config, bad func(string, ...any)) {
	c.AdminAddr = strings.TrimSpace(getenv("OKBOT_ADMIN_ADDR"))
	if c.AdminAddr != "" && !strings.Contains(c.AdminAddr, ":") {
		bad("OKBOT_ADMIN_ADDR=%q is not a listen address; use host:port or :port, e.g. :9090 (and never the port of OKBOT_ADDR)", c.AdminAddr)
	}
	// Port 0 picks a free port for each (tests do that).
	if mode == Serve && c.AdminAddr != "" && c.AdminAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") {
		bad("OKBOT_ADMIN_ADDR=%q is the interactions port (OKBOT_ADDR); the admin endpoints must never be public, so give them a port of their own, e.g. :9090", c.AdminAddr)
	}

	switch v := LogFormat(strings.ToLower(strings.TrimSpace(getenv("OKBOT_LOG_FORMAT")))); v {
	case "", LogText:
		c.LogFormat = LogText
	case LogJSON:
		c.LogFormat = LogJSON
	default:
		bad("OKBOT_LOG_FORMAT=%q is not a log format; use text or json", v)
	}

	if v := strings.TrimSpace(getenv("OKBOT_COOLDOWN")); v != "" && v != "off" {
		m := cooldownShape().FindStringSubmatch(v)
		var uses int
		var window time.Duration
		err := fmt.Errorf("malformed")
		if m != nil {
			uses, err = strconv.Atoi(m[1])
			if err == nil {
				window, err = time.ParseDuration(m[2])
			}
		}
		if err != nil || uses < 1 || window < time.Second || window > time.Hour {
			bad("OKBOT_COOLDOWN=%q is not a limit; use USES/WINDOW with at least 1 use and a window from 1s to 1h, e.g. 5/30s, or leave it empty for no limit", v)
		} else {
			c.Cooldown = Cooldown{Uses: uses, Window: window}
		}
	}
}
