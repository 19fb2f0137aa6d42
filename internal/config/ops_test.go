package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoadOps(t *testing.T) {
	base := func(extra map[string]string) map[string]string {
		m := map[string]string{"DISCORD_PUBLIC_KEY": goodKey}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	c, err := Load(env(base(nil)), Serve)
	if err != nil {
		t.Fatal(err)
	}
	if c.AdminAddr != "" || c.LogFormat != LogText || c.Cooldown.On() {
		t.Errorf("defaults: admin %q, format %q, cooldown %v; want no admin listener, text, no cooldown", c.AdminAddr, c.LogFormat, c.Cooldown)
	}
	c, err = Load(env(base(map[string]string{"OKBOT_ADMIN_ADDR": "127.0.0.1:9090", "OKBOT_LOG_FORMAT": "JSON", "OKBOT_COOLDOWN": "5/30s"})), Serve)
	if err != nil {
		t.Fatal(err)
	}
	if c.AdminAddr != "127.0.0.1:9090" || c.LogFormat != LogJSON || c.Cooldown != (Cooldown{5, 30 * time.Second}) {
		t.Errorf("got admin %q, format %q, cooldown %v", c.AdminAddr, c.LogFormat, c.Cooldown)
	}
	for _, tc := range []struct{ name, key, value, want string }{
		{"admin not an address", "OKBOT_ADMIN_ADDR", "9090", "OKBOT_ADMIN_ADDR"},
		{"admin on the public port", "OKBOT_ADMIN_ADDR", ":8080", "interactions port"},
		{"unknown log format", "OKBOT_LOG_FORMAT", "logfmt", "OKBOT_LOG_FORMAT"},
		{"cooldown without window", "OKBOT_COOLDOWN", "5", "OKBOT_COOLDOWN"},
		{"cooldown of zero uses", "OKBOT_COOLDOWN", "0/30s", "OKBOT_COOLDOWN"},
		{"cooldown window too short", "OKBOT_COOLDOWN", "5/10ms", "OKBOT_COOLDOWN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(base(map[string]string{tc.key: tc.value})), Serve)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s=%q: err %v, want one naming %s", tc.key, tc.value, err, tc.want)
			}
		})
	}
	if _, err := Load(env(base(map[string]string{"OKBOT_ADDR": "127.0.0.1:0", "OKBOT_ADMIN_ADDR": "127.0.0.1:0"})), Serve); err != nil {
		t.Errorf("both on port 0 (a free port each): %v", err)
	}
	// In gateway mode OKBOT_ADDR is not listened on, so :8080 is free.
	if _, err := Load(env(map[string]string{"DISCORD_TOKEN": goodToken, "OKBOT_ADMIN_ADDR": ":8080"}), Gateway); err != nil {
		t.Errorf("gateway mode with OKBOT_ADMIN_ADDR=:8080: %v", err)
	}
}
