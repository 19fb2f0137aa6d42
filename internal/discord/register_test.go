package discord

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/discordtest"
)

func TestRegister(t *testing.T) {
	t.Parallel()
	for _, guild := range []bool{false, true} {
		t.Run(map[bool]string{false: "global", true: "guild"}[guild], func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			log, logs := testLogger(t)
			cfg := GatewayConfig{Token: fake.Token, Registry: registry(t), Logger: log, Client: fake.Client()}
			path := "/api/v9/applications/" + fake.ApplicationID + "/commands"
			scope := "scope=global"
			if guild {
				cfg.GuildID = fake.GuildID
				path = "/api/v9/applications/" + fake.ApplicationID + "/guilds/" + fake.GuildID + "/commands"
				scope = "scope=guild guild_id=" + fake.GuildID
			}

			if err := Register(t.Context(), cfg); err != nil {
				t.Fatalf("Register() = %v", err)
			}

			want := []discordtest.Request{
				{Method: "GET", Path: "/api/v9/applications/@me", Host: "discord.com", Status: http.StatusOK},
				{Method: "PUT", Path: path, Host: "discord.com", Status: http.StatusOK},
			}
			if got := fake.Requests(); !equalRequests(got, want) {
				t.Errorf("requests = %+v, want %+v", got, want)
			}
			puts := fake.CommandPuts()
			if len(puts) != 1 {
				t.Fatalf("bulk overwrites = %d, want 1", len(puts))
			}
			defs, err := json.Marshal(ApplicationCommands(registry(t).Definitions(), map[bool]Scope{false: Global, true: Guild}[guild]))
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "registered commands", json.RawMessage(puts[0].Body), string(defs))
			if !strings.Contains(logs.String(), `msg="registered commands" count=6 `+scope) {
				t.Errorf("log does not say how many commands were registered where:\n%s", logs)
			}
			// Only global commands can be user-installed and used in DMs;
			// a guild registration must say so, a global one must not.
			userInstall := strings.Contains(string(puts[0].Body), `"integration_types":[0,1]`) && strings.Contains(string(puts[0].Body), `"contexts":[0,1,2]`)
			warned := strings.Contains(logs.String(), "cannot add okbot to their own account")
			if userInstall == guild || warned != guild {
				t.Errorf("%s registration: user install declared %v, caveat logged %v; want %v, %v", scope, userInstall, warned, !guild, guild)
			}
		})
	}
}

func equalRequests(a, b []discordtest.Request) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRegisterErrors(t *testing.T) {
	t.Parallel()
	reg := registry(t)
	tests := []struct {
		name     string
		cfg      func(fake *discordtest.Server) GatewayConfig
		rejected bool     // errors.Is(err, ErrTokenRejected)
		want     []string // in the error
		puts     int      // overwrites attempted
	}{
		{
			name: "wrong token",
			cfg: func(fake *discordtest.Server) GatewayConfig {
				return GatewayConfig{Token: "MTIz.wrong.token", Registry: reg, Client: fake.Client()}
			},
			rejected: true,
			want:     []string{"401", "Reset Token"},
		},
		{
			name: "guild the bot is not in",
			cfg: func(fake *discordtest.Server) GatewayConfig {
				return GatewayConfig{Token: fake.Token, GuildID: "1299999999999999999", Registry: reg, Client: fake.Client()}
			},
			want: []string{"guild 1299999999999999999", "Missing Access", "applications.commands", "client_id="},
			puts: 1,
		},
		{
			name: "no token",
			cfg: func(fake *discordtest.Server) GatewayConfig {
				return GatewayConfig{Registry: reg, Client: fake.Client()}
			},
			want: []string{"no bot token"},
		},
		{
			name: "no registry",
			cfg: func(fake *discordtest.Server) GatewayConfig {
				return GatewayConfig{Token: fake.Token, Client: fake.Client()}
			},
			want: []string{"no command registry"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			cfg := tt.cfg(fake)
			err := Register(t.Context(), cfg)
			if err == nil {
				t.Fatal("Register() = nil, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Register() = %q, want it to mention %q", err, w)
				}
			}
			if got := errors.Is(err, ErrTokenRejected); got != tt.rejected {
				t.Errorf("errors.Is(%v, ErrTokenRejected) = %v, want %v", err, got, tt.rejected)
			}
			if cfg.Token != "" && strings.Contains(err.Error(), cfg.Token) {
				t.Errorf("Register() = %q reveals the token", err)
			}
			if got := commandRequests(fake); len(got) != tt.puts {
				t.Errorf("command requests = %q, want %d", got, tt.puts)
			}
		})
	}
}

// Failures the fake cannot provoke are still explained.
func TestRegisterError(t *testing.T) {
	tests := []struct {
		err   error
		guild string
		want  string
	}{
		{restErr(400, 50035), "", "Invalid Form Body"},
		{restErr(429, 30034), "", "200 command creations a day"},
		{restErr(404, 10004), "123", "no such guild"},
		{restErr(403, 50001), "123", "applications.commands"},
		{restErr(401, 0), "", "Reset Token"},
		{restErr(500, 0), "", "registering commands globally"},
		{&apiError{Method: "PUT", Route: "/applications/{application.id}/commands", Status: 429, RetryAfter: time.Minute, Global: true}, "", "rate limiting the bot for longer than okbot waits"},
	}
	for _, tt := range tests {
		where := "globally"
		if tt.guild != "" {
			where = "in guild " + tt.guild
		}
		err := registerError(tt.err, "42", tt.guild, where)
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("registerError(%v) = %q, want it to mention %q", tt.err, err, tt.want)
		}
		var ae *apiError
		if !errors.Is(err, ErrTokenRejected) && !errors.As(err, &ae) {
			t.Errorf("registerError(%v) = %q hides the apiError", tt.err, err)
		}
	}
}

// restErr is the error a REST call returns when Discord answers status
// with JSON error code.
func restErr(status, code int) error {
	return &apiError{Method: "PUT", Route: "/applications/{application.id}/commands", Status: status, Code: code}
}
