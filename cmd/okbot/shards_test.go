package main

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/discordtest"
)

// OKBOT_SHARD_ID and OKBOT_SHARD_COUNT reach the IDENTIFY, and okbot
// answers the guilds of its shard.
func TestGatewayRunsItsShard(t *testing.T) {
	fake := discordtest.New(t)
	// Shard 0 identifies at once; later shards wait their turn in real
	// time, which the discord package's tests cover with a fake clock.
	env := map[string]string{"DISCORD_TOKEN": fake.Token, "OKBOT_SHARD_ID": "0", "OKBOT_SHARD_COUNT": "2"}
	start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
	fake.WaitShardReady(t, 0)
	if id := fake.WaitIdentify(t); !slices.Equal(id.Shard, []int{0, 2}) {
		t.Errorf("IDENTIFY shard = %v, want [0 2]", id.Shard)
	}
	i := discordtest.Command("help")
	i.GuildID = discordtest.GuildOnShard(0, 2)
	if cb := fake.Interact(t, i); cb.Status != 204 {
		t.Errorf("/help in a guild of shard 0 answered %d %q, want 204", cb.Status, cb.Problems)
	}
}

// Discord's 4011 exits 2 with a message that says what to change and
// where the README explains it.
func TestGatewayShardingRequiredExits2(t *testing.T) {
	fake := discordtest.New(t)
	fake.RequireShards(2)
	var stderr bytes.Buffer
	err := runWith(t.Context(), []string{"run"}, func(k string) string {
		return map[string]string{"DISCORD_TOKEN": fake.Token}[k]
	}, io.Discard, &stderr, deps{client: fake.Client(), tls: fake.TLSConfig()})
	if code := exitCode(err, &stderr); code != exitUsage {
		t.Errorf("okbot run closed with 4011: exit %d (%v), want 2", code, err)
	}
	for _, want := range []string{"4011", "OKBOT_SHARD_COUNT", `"Sharding" in the README`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("exit message lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestShardConfigErrorExits2(t *testing.T) {
	_, errOut, code := okbot(t, map[string]string{"DISCORD_TOKEN": "MTAx.GaBcDe.abc", "OKBOT_SHARD_ID": "2", "OKBOT_SHARD_COUNT": "2"}, "run")
	if code != exitUsage || !strings.Contains(errOut, `OKBOT_SHARD_ID="2" is not a shard of 2`) {
		t.Errorf("okbot run with shard 2 of 2 = exit %d, stderr %q; want exit 2 naming OKBOT_SHARD_ID", code, errOut)
	}
}
