package discord

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/discordtest"
)

// inGuild is /help from the fake's user as a member of guild.
func inGuild(guild string) discordtest.Interaction {
	i := discordtest.Command("help")
	i.GuildID = guild
	return i
}

// The IDENTIFY says which shard okbot is, and okbot answers what Discord
// sends that shard.
func TestRunGatewayIdentifiesAsShard(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, count int
		want      []int
	}{
		{0, 0, []int{0, 1}}, // unsharded: GatewayConfig's zero value
		{0, 1, []int{0, 1}},
		{1, 2, []int{1, 2}},
		{3, 4, []int{3, 4}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d of %d", tt.id, tt.count), func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			b := startBot(t, fake, GatewayConfig{ShardID: tt.id, ShardCount: tt.count}, nil)
			if got := fake.WaitIdentify(t).Shard; !slices.Equal(got, tt.want) {
				t.Errorf("IDENTIFY shard = %v, want %v", got, tt.want)
			}
			cb := fake.Interact(t, inGuild(discordtest.GuildOnShard(tt.want[0], tt.want[1])))
			wantReply(t, cb, registry(t), fan(fake, commands.Request{Kind: commands.Command, Command: "help"}))
			b.logs.waitFor(t, fmt.Sprintf("shard=%d shards=%d", tt.want[0], tt.want[1]))
		})
	}
}

// Two shards of one bot each answer their own guilds' interactions, and
// shard 0 the DMs.
func TestRunGatewayShardsAnswerTheirGuilds(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	bots := []*bot{
		startBot(t, fake, GatewayConfig{ShardID: 0, ShardCount: 2}, nil),
		startBot(t, fake, GatewayConfig{ShardID: 1, ShardCount: 2}, nil),
	}
	fake.WaitShardReady(t, 0)
	fake.WaitShardReady(t, 1)
	tests := []struct {
		name  string
		i     discordtest.Interaction
		shard int
	}{
		{"guild of shard 0", inGuild(discordtest.GuildOnShard(0, 2)), 0},
		{"guild of shard 1", inGuild(discordtest.GuildOnShard(1, 2)), 1},
		{"bot DM", fake.InBotDM(discordtest.Command("help")), 0},
		{"group DM", fake.InGroupDM(discordtest.Command("help")), 0},
	}
	for _, tt := range tests {
		cb := fake.Interact(t, tt.i)
		if cb.Status != http.StatusNoContent {
			t.Fatalf("%s: callback answered %d %q, want 204", tt.name, cb.Status, cb.Problems)
		}
		if got, _ := fake.ShardReceived(cb.InteractionID); got != [2]int{tt.shard, 2} {
			t.Errorf("%s: dispatched to shard %v, want [%d 2]", tt.name, got, tt.shard)
		}
		id := "interaction_id=" + cb.InteractionID
		bots[tt.shard].logs.waitFor(t, id)
		if other := bots[1-tt.shard]; strings.Contains(other.logs.String(), id) {
			t.Errorf("%s: shard %d also handled interaction %s", tt.name, 1-tt.shard, cb.InteractionID)
		}
	}
}

// Shards started together take turns: shard k waits ⌊k / max_concurrency⌋
// × 5 s before its first IDENTIFY, and only before the first.
func TestRunGatewayWaitsForItsTurn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		id, count, maxConcurrency int
		want                      time.Duration // 0: no wait
	}{
		{0, 4, 1, 0},
		{1, 4, 1, 5 * time.Second},
		{3, 4, 1, 15 * time.Second},
		{3, 4, 2, 5 * time.Second},
		{4, 8, 2, 10 * time.Second},
		{15, 16, 16, 0},
		{16, 32, 16, 5 * time.Second},
		{2, 3, 0, 10 * time.Second}, // no max_concurrency: 1
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("shard %d of %d, max_concurrency %d", tt.id, tt.count, tt.maxConcurrency), func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			fake.SetMaxConcurrency(tt.maxConcurrency)
			clock := newTestClock()
			var identifiesBeforeWait atomic.Int64
			identifiesBeforeWait.Store(-1)
			clock.onSleep = func(time.Duration) {
				identifiesBeforeWait.CompareAndSwap(-1, int64(len(fake.Identifies())))
			}
			b := startBot(t, fake, GatewayConfig{ShardID: tt.id, ShardCount: tt.count, now: clock.Now, sleep: clock.Sleep}, nil)
			// An answer proves the bot has read READY.
			if cb := fake.Interact(t, inGuild(discordtest.GuildOnShard(tt.id, tt.count))); cb.Status != http.StatusNoContent {
				t.Fatalf("/help answered with %d %q", cb.Status, cb.Problems)
			}

			var want []time.Duration
			if tt.want > 0 {
				want = []time.Duration{tt.want}
				if n := identifiesBeforeWait.Load(); n != 0 {
					t.Errorf("%d IDENTIFYs before the wait, want it first", n)
				}
				b.logs.waitFor(t, "waiting for this shard's turn to identify")
			}
			if got := clock.Waits(); !slices.Equal(got, want) {
				t.Fatalf("waits before connecting = %v, want %v", got, want)
			}

			// A reconnect waits its own delay, not the turn again.
			fake.DropGateway()
			fake.WaitResume(t)
			want = append(want, minReconnectDelay)
			if got := clock.Waits(); !slices.Equal(got, want) {
				t.Errorf("waits after a reconnect = %v, want %v", got, want)
			}
		})
	}
}

func TestTurn(t *testing.T) {
	for _, tt := range []struct {
		shard, maxConcurrency int
		want                  time.Duration
	}{
		{0, 1, 0}, {1, 1, 5 * time.Second}, {9, 1, 45 * time.Second},
		{0, 16, 0}, {15, 16, 0}, {16, 16, 5 * time.Second}, {47, 16, 10 * time.Second},
		{1, 0, 5 * time.Second}, {1, -1, 5 * time.Second},
	} {
		if got := turn(tt.shard, tt.maxConcurrency); got != tt.want {
			t.Errorf("turn(%d, %d) = %v, want %v", tt.shard, tt.maxConcurrency, got, tt.want)
		}
	}
}

// Startup warns, once, when Discord recommends more shards than okbot
// runs.
func TestRunGatewayWarnsOfTooFewShards(t *testing.T) {
	t.Parallel()
	const warning = "Discord recommends more shards than okbot runs"
	tests := []struct {
		name               string
		recommended, count int
		warn               bool
	}{
		{"unsharded, one recommended", 1, 0, false},
		{"unsharded, two recommended", 2, 0, true},
		{"two of three recommended", 3, 2, true},
		{"three as recommended", 3, 3, false},
		{"more than recommended", 2, 4, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			fake.RecommendShards(tt.recommended)
			b := startBot(t, fake, GatewayConfig{ShardCount: tt.count}, nil)
			// Answering a DM (shard 0's) proves the session live.
			live := func() {
				t.Helper()
				if cb := fake.Interact(t, fake.InBotDM(discordtest.Command("help"))); cb.Status != http.StatusNoContent {
					t.Fatalf("/help answered with %d %q", cb.Status, cb.Problems)
				}
			}
			live()
			// Once, whatever the reconnects: every one asks again.
			fake.DropGateway()
			fake.WaitResume(t)
			live()
			if n := strings.Count(b.logs.String(), warning); n != map[bool]int{false: 0, true: 1}[tt.warn] {
				t.Fatalf("log has %d × %q, want it %v once:\n%s", n, warning, tt.warn, b.logs)
			}
			if tt.warn {
				want := fmt.Sprintf(`recommended=%d shards=%d`, tt.recommended, max(tt.count, 1))
				for _, w := range []string{want, "raise OKBOT_SHARD_COUNT", `see \"Sharding\" in the README`} {
					if !strings.Contains(b.logs.String(), w) {
						t.Errorf("warning lacks %q:\n%s", w, b.logs)
					}
				}
			}
		})
	}
}

// A bot that needs more shards than it runs is refused with 4011, and
// okbot stops with an error that says what to do and where to read more;
// with enough shards it connects.
func TestRunGatewayShardingRequired(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.RequireShards(2)
	b := startBot(t, fake, GatewayConfig{}, nil)
	err := b.wait(t, discordtest.WaitTimeout)
	if !errors.Is(err, ErrFatalClose) {
		t.Fatalf("RunGateway() = %v, want ErrFatalClose", err)
	}
	for _, want := range []string{"4011", "one shard per 2,500 servers", "raise OKBOT_SHARD_COUNT", `see "Sharding" in the README`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("RunGateway() = %q, want it to say %q", err, want)
		}
	}
	if n := fake.Dials(); n != 1 {
		t.Errorf("gateway dialled %d times, want 1: 4011 is not retried", n)
	}

	startBot(t, fake, GatewayConfig{ShardID: 1, ShardCount: 2}, nil)
	fake.WaitShardReady(t, 1)
}

// Only shard 0 registers the commands: shards started together would
// otherwise each send the same bulk overwrite.
func TestRunGatewayRegistersOnShardZero(t *testing.T) {
	t.Parallel()
	for _, shard := range []int{0, 1} {
		t.Run(fmt.Sprint(shard), func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			b := startBot(t, fake, GatewayConfig{Register: true, ShardID: shard, ShardCount: 2}, nil)
			fake.WaitShardReady(t, shard)
			puts := len(fake.CommandPuts())
			if want := map[int]int{0: 1, 1: 0}[shard]; puts != want {
				t.Errorf("shard %d sent %d bulk overwrites, want %d", shard, puts, want)
			}
			if shard != 0 && !strings.Contains(b.logs.String(), "shard 0 registers the commands") {
				t.Errorf("log does not say why shard %d did not register:\n%s", shard, b.logs)
			}
		})
	}
}

// A shard outside the count is refused before anything is sent.
func TestRunGatewayRefusesBadShard(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ id, count int }{{1, 0}, {1, 1}, {2, 2}, {-1, 2}, {0, -1}} {
		fake := discordtest.New(t)
		err := startBot(t, fake, GatewayConfig{ShardID: tt.id, ShardCount: tt.count}, nil).wait(t, discordtest.WaitTimeout)
		if err == nil || !strings.Contains(err.Error(), "shard") {
			t.Errorf("RunGateway(shard %d of %d) = %v, want an error about the shard", tt.id, tt.count, err)
		}
		if reqs := fake.Requests(); len(reqs) != 0 {
			t.Errorf("shard %d of %d: sent %v, want nothing", tt.id, tt.count, reqs)
		}
	}
}
