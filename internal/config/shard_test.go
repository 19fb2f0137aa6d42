package config

import (
	"strings"
	"testing"
)

func TestLoadShard(t *testing.T) {
	tests := []struct {
		name string
		mode Mode
		env  map[string]string
		want Shard
	}{
		{"neither: unsharded", Gateway, nil, Shard{0, 1}},
		{"first of two", Gateway, map[string]string{"OKBOT_SHARD_ID": "0", "OKBOT_SHARD_COUNT": "2"}, Shard{0, 2}},
		{"last of sixteen, spaces trimmed", Gateway, map[string]string{"OKBOT_SHARD_ID": " 15 ", "OKBOT_SHARD_COUNT": "16\n"}, Shard{15, 16}},
		{"one of one", Gateway, map[string]string{"OKBOT_SHARD_ID": "0", "OKBOT_SHARD_COUNT": "1"}, Shard{0, 1}},
		// Only `okbot run` connects to the gateway; the others ignore
		// the shard, even a wrong one.
		{"serve ignores it", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_SHARD_ID": "9", "OKBOT_SHARD_COUNT": "2"}, Shard{0, 1}},
		{"register ignores it", Register, map[string]string{"OKBOT_SHARD_ID": "x"}, Shard{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"DISCORD_TOKEN": goodToken}
			for k, v := range tt.env {
				env[k] = v
			}
			c, err := Load(func(k string) string { return env[k] }, tt.mode)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if c.Shard != tt.want {
				t.Errorf("Load().Shard = %+v, want %+v", c.Shard, tt.want)
			}
		})
	}
}

func TestLoadShardErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // the one problem, which names the variable and the fix
	}{
		{"id without count", map[string]string{"OKBOT_SHARD_ID": "0"}, "OKBOT_SHARD_ID is set but OKBOT_SHARD_COUNT is not; set both"},
		{"count without id", map[string]string{"OKBOT_SHARD_COUNT": "2"}, "OKBOT_SHARD_COUNT is set but OKBOT_SHARD_ID is not; set both"},
		{"id equal to count", map[string]string{"OKBOT_SHARD_ID": "2", "OKBOT_SHARD_COUNT": "2"}, `OKBOT_SHARD_ID="2" is not a shard of 2: shards are numbered from 0 to OKBOT_SHARD_COUNT-1 (1)`},
		{"negative id", map[string]string{"OKBOT_SHARD_ID": "-1", "OKBOT_SHARD_COUNT": "2"}, `OKBOT_SHARD_ID="-1" is not a shard of 2`},
		{"id not a number", map[string]string{"OKBOT_SHARD_ID": "okbot-gateway-0", "OKBOT_SHARD_COUNT": "2"}, `OKBOT_SHARD_ID="okbot-gateway-0" is not a shard of 2`},
		{"zero count", map[string]string{"OKBOT_SHARD_ID": "0", "OKBOT_SHARD_COUNT": "0"}, `OKBOT_SHARD_COUNT="0" is not a whole number of 1 or more; set it to how many shards run`},
		{"count not a number", map[string]string{"OKBOT_SHARD_ID": "0", "OKBOT_SHARD_COUNT": "two"}, `OKBOT_SHARD_COUNT="two" is not a whole number of 1 or more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"DISCORD_TOKEN": goodToken}
			for k, v := range tt.env {
				env[k] = v
			}
			_, err := Load(func(k string) string { return env[k] }, Gateway)
			if err == nil {
				t.Fatalf("Load() = nil error, want %q", tt.want)
			}
			e, ok := err.(*Error)
			if !ok || len(e.Problems) != 1 || !strings.Contains(e.Problems[0], tt.want) {
				t.Errorf("Load() error = %q, want one problem containing %q", err, tt.want)
			}
		})
	}
}
