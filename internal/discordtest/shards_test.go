package discordtest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/okbot/okbot/internal/discordtest"
)

// connectShard dials and identifies as shard (nil: no shard field),
// returning the connection once READY arrived.
func connectShard(t *testing.T, fake *discordtest.Server, shard []int) *bot {
	t.Helper()
	b := dial(t, fake, "?v=9&encoding=json")
	b.expect(10, "")
	b.send(2, map[string]any{"token": "Bot " + fake.Token, "intents": 0, "shard": shard})
	var ready struct{ Shard []int }
	if err := json.Unmarshal(b.expect(0, "READY").D, &ready); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ready.Shard) != fmt.Sprint(shard) {
		t.Errorf("READY shard = %v, want %v", ready.Shard, shard)
	}
	return b
}

// interactionOn reads the next event on b, which must be the interaction
// with the given id.
func (b *bot) interactionOn(id string) {
	b.t.Helper()
	var got struct{ ID string }
	if err := json.Unmarshal(b.expect(0, "INTERACTION_CREATE").D, &got); err != nil || got.ID != id {
		b.t.Fatalf("INTERACTION_CREATE for %q (%v), want %s", got.ID, err, id)
	}
}

func TestShardOf(t *testing.T) {
	tests := []struct {
		guild        string
		count, shard int
	}{
		// Discord's documented example: (guild_id >> 22) % num_shards.
		{"197038439483310086", 2, int((197038439483310086 >> 22) % 2)},
		{"197038439483310086", 1, 0},
		{"", 4, 0}, // DMs go to shard 0
		{discordtest.GuildOnShard(2, 3), 3, 2},
		{discordtest.GuildOnShard(0, 3), 3, 0},
		{discordtest.GuildOnShard(15, 16), 16, 15},
		{discordtest.GuildOnShard(1, 2), 2, 1},
	}
	for _, tt := range tests {
		if got := discordtest.ShardOf(tt.guild, tt.count); got != tt.shard {
			t.Errorf("ShardOf(%q, %d) = %d, want %d", tt.guild, tt.count, got, tt.shard)
		}
	}
}

// Each shard's session receives only the interactions of its guilds, and
// DMs go to shard 0, as Discord routes them.
func TestDispatchRoutesByShard(t *testing.T) {
	fake := discordtest.New(t)
	shard0 := connectShard(t, fake, []int{0, 2})
	shard1 := connectShard(t, fake, []int{1, 2})
	if ids := fake.Identifies(); len(ids) != 2 || fmt.Sprint(ids[0].Shard, ids[1].Shard) != "[0 2] [1 2]" {
		t.Errorf("Identifies() = %+v, want shards [0 2] and [1 2]", ids)
	}

	for _, tt := range []struct {
		name  string
		i     discordtest.Interaction
		shard int
	}{
		{"guild of shard 1", discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: discordtest.GuildOnShard(1, 2), Data: discordtest.CommandData{Name: "help", Type: 1}}, 1},
		{"guild of shard 0", discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: discordtest.GuildOnShard(0, 2), Data: discordtest.CommandData{Name: "help", Type: 1}}, 0},
		{"the fake's own guild", discordtest.Command("help"), discordtest.ShardOf(fake.GuildID, 2)},
		{"bot DM", fake.InBotDM(discordtest.Command("help")), 0},
		{"group DM", fake.InGroupDM(discordtest.Command("help")), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sent := fake.Dispatch(t, tt.i)
			on := map[int]*bot{0: shard0, 1: shard1}[tt.shard]
			on.interactionOn(sent.ID)
			if got, ok := fake.ShardReceived(sent.ID); !ok || got != [2]int{tt.shard, 2} {
				t.Errorf("ShardReceived(%s) = %v, %v, want [%d 2]", sent.ID, got, ok, tt.shard)
			}
		})
	}

	// DispatchRaw routes by the body's guild_id too.
	body := fmt.Sprintf(`{"type":2,"guild_id":%q,"member":{"user":{"id":"1"},"roles":[],"joined_at":"2020-06-20T12:00:00Z","permissions":"0"},"data":{"id":"1","name":"help","type":1}}`, discordtest.GuildOnShard(1, 2))
	id := fake.DispatchRaw(t, []byte(body))
	shard1.interactionOn(id)
}

// An unsharded session ([0, 1], or no shard field) receives everything.
func TestDispatchUnsharded(t *testing.T) {
	for _, shard := range [][]int{nil, {0, 1}} {
		t.Run(fmt.Sprint(shard), func(t *testing.T) {
			fake := discordtest.New(t)
			b := connectShard(t, fake, shard)
			for _, guild := range []string{discordtest.GuildOnShard(1, 2), discordtest.GuildOnShard(2, 3)} {
				sent := fake.Dispatch(t, discordtest.Interaction{Type: discordtest.TypeCommand, GuildID: guild, Data: discordtest.CommandData{Name: "help", Type: 1}})
				b.interactionOn(sent.ID)
			}
		})
	}
}

// Discord refuses an invalid shard with 4010 and too few shards for the
// bot's guilds with 4011; neither spends a session start.
func TestIdentifyShardRefused(t *testing.T) {
	tests := []struct {
		name     string
		shard    []int
		required int
		want     int
	}{
		{"id equal to count", []int{2, 2}, 0, 4010},
		{"negative id", []int{-1, 2}, 0, 4010},
		{"zero count", []int{0, 0}, 0, 4010},
		{"three numbers", []int{0, 1, 2}, 0, 4010},
		{"unsharded when 2 are required", nil, 2, 4011},
		{"one shard when 2 are required", []int{0, 1}, 2, 4011},
		{"2 shards when 3 are required", []int{1, 2}, 3, 4011},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(t)
			if tt.required > 0 {
				fake.RequireShards(tt.required)
			}
			b := dial(t, fake, "?v=9&encoding=json")
			b.expect(10, "")
			b.send(2, map[string]any{"token": "Bot " + fake.Token, "intents": 0, "shard": tt.shard})
			b.expectClose(tt.want)
			if _, got := gatewayBot(t, fake); got.Remaining != 1000 {
				t.Errorf("remaining = %d after a refused IDENTIFY, want 1000", got.Remaining)
			}
		})
	}
}

// With enough shards, a bot that requires sharding is accepted, and GET
// /gateway/bot says how many shards Discord recommends and how many may
// identify at once.
func TestGatewayBotShards(t *testing.T) {
	fake := discordtest.New(t)
	shards := func() (int, int) {
		t.Helper()
		var body struct {
			Shards int
			Limit  sessionStartLimit `json:"session_start_limit"`
		}
		if status := call(t, fake, "GET", "/gateway/bot", "Bot "+fake.Token, "", nil, &body); status != 200 {
			t.Fatalf("GET /gateway/bot = %d", status)
		}
		return body.Shards, body.Limit.MaxConcurrency
	}
	if n, mc := shards(); n != 1 || mc != 1 {
		t.Errorf("GET /gateway/bot shards, max_concurrency = %d, %d by default, want 1, 1", n, mc)
	}
	fake.RecommendShards(3)
	fake.SetMaxConcurrency(16)
	if n, mc := shards(); n != 3 || mc != 16 {
		t.Errorf("GET /gateway/bot shards, max_concurrency = %d, %d, want 3, 16", n, mc)
	}
	connectShard(t, fake, nil) // recommended, not required

	fake.RequireShards(2)
	if n, _ := shards(); n != 2 {
		t.Errorf("GET /gateway/bot shards = %d after RequireShards(2), want 2", n)
	}
	connectShard(t, fake, []int{1, 2})
}
