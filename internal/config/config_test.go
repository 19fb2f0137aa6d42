package config

import (
	"log/slog"
	"strings"
	"testing"
	"time"
)

const (
	goodToken = "MTAxMDEwMTAxMDEwMTAxMDEw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789-_"
	goodKey   = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name string
		mode Mode
		env  map[string]string
		want func(Config) string // returns "" when the config is as expected
	}{
		{"gateway defaults", Gateway, map[string]string{"DISCORD_TOKEN": goodToken}, func(c Config) string {
			if c.Token != goodToken || !c.Register || c.LogLevel != slog.LevelInfo || c.GuildID != "" {
				return "want token, Register=true, info level, no guild"
			}
			return ""
		}},
		{"Bot prefix stripped", Gateway, map[string]string{"DISCORD_TOKEN": "Bot " + goodToken}, func(c Config) string {
			if c.Token != goodToken {
				return "want the token without the Bot prefix"
			}
			return ""
		}},
		{"guild and no register", Gateway, map[string]string{"DISCORD_TOKEN": goodToken, "DISCORD_GUILD_ID": "123456789012345678", "OKBOT_REGISTER": "false", "OKBOT_LOG_LEVEL": "DEBUG"}, func(c Config) string {
			if c.GuildID != "123456789012345678" || c.Register || c.LogLevel != slog.LevelDebug {
				return "want guild, Register=false, debug"
			}
			return ""
		}},
		{"serve needs no token", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey}, func(c Config) string {
			if c.Register || len(c.PublicKey) != 32 || c.Addr != ":8080" || c.DrainDelay != 5*time.Second {
				return "want Register=false, a 32-byte key, :8080, a 5s drain"
			}
			return ""
		}},
		{"upper-case key", Serve, map[string]string{"DISCORD_PUBLIC_KEY": strings.ToUpper(goodKey), "OKBOT_ADDR": "127.0.0.1:0", "OKBOT_DRAIN_DELAY": "0"}, func(c Config) string {
			if len(c.PublicKey) != 32 || c.Addr != "127.0.0.1:0" || c.DrainDelay != 0 {
				return "want the key decoded and the address kept"
			}
			return ""
		}},
		{"drain delay at its upper bound", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_DRAIN_DELAY": "1m"}, func(c Config) string {
			if c.DrainDelay != time.Minute {
				return "want a 1m drain"
			}
			return ""
		}},
		{"offline ignores bad secrets", Offline, map[string]string{"OKBOT_DATA": "/tmp/facts", "DISCORD_TOKEN": "bad", "DISCORD_PUBLIC_KEY": "bad"}, func(c Config) string {
			if c.DataDir != "/tmp/facts" {
				return "want DataDir"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(env(tt.env), tt.mode)
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			if msg := tt.want(c); msg != "" {
				t.Errorf("Load() = %+v: %s", c, msg)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		mode Mode
		env  map[string]string
		want []string // substrings, one per expected problem
	}{
		{"missing token", Gateway, nil, []string{"DISCORD_TOKEN is not set"}},
		{"register needs token", Register, nil, []string{"DISCORD_TOKEN is not set"}},
		{"malformed token", Gateway, map[string]string{"DISCORD_TOKEN": "not a token"}, []string{"DISCORD_TOKEN is malformed"}},
		{"serve needs key", Serve, nil, []string{"DISCORD_PUBLIC_KEY is not set"}},
		{"short key", Serve, map[string]string{"DISCORD_PUBLIC_KEY": "abcd"}, []string{"DISCORD_PUBLIC_KEY is not 64 hexadecimal"}},
		{"serve register needs token", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_REGISTER": "true"}, []string{"DISCORD_TOKEN is not set (OKBOT_REGISTER=true"}},
		{"everything wrong at once", Gateway, map[string]string{
			"DISCORD_GUILD_ID": "my server", "OKBOT_REGISTER": "maybe", "OKBOT_LOG_LEVEL": "loud",
		}, []string{"OKBOT_REGISTER=\"maybe\"", "OKBOT_LOG_LEVEL=\"loud\"", "DISCORD_GUILD_ID=\"my server\"", "DISCORD_TOKEN is not set"}},
		{"bad drain delay", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_DRAIN_DELAY": "soon"}, []string{"OKBOT_DRAIN_DELAY=\"soon\""}},
		{"drain delay over 1m", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_DRAIN_DELAY": "1m0.001s"}, []string{"OKBOT_DRAIN_DELAY=\"1m0.001s\" is not a duration from 0s to 1m"}},
		{"drain delay of an hour", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_DRAIN_DELAY": "1h"}, []string{"OKBOT_DRAIN_DELAY=\"1h\" is not a duration from 0s to 1m"}},
		{"negative drain delay", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_DRAIN_DELAY": "-1s"}, []string{"OKBOT_DRAIN_DELAY=\"-1s\" is not a duration from 0s to 1m"}},
		{"bad address", Serve, map[string]string{"DISCORD_PUBLIC_KEY": goodKey, "OKBOT_ADDR": "8080"}, []string{"OKBOT_ADDR=\"8080\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env), tt.mode)
			if err == nil {
				t.Fatalf("Load() = nil error, want %q", tt.want)
			}
			if !IsConfigError(err) {
				t.Errorf("IsConfigError(%v) = false, want true", err)
			}
			e := err.(*Error)
			if len(e.Problems) != len(tt.want) {
				t.Errorf("Load() problems = %q, want %d problems", e.Problems, len(tt.want))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load() error = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadNeverLeaksSecrets(t *testing.T) {
	secret := "sekrit.with spaces.x"
	_, err := Load(env(map[string]string{"DISCORD_TOKEN": secret, "DISCORD_PUBLIC_KEY": "zz" + secret}), Serve)
	if err == nil {
		t.Fatal("Load() = nil error, want problems")
	}
	if strings.Contains(err.Error(), "sekrit") {
		t.Errorf("Load() error = %q, leaks the secret", err)
	}
}
