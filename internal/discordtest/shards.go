package discordtest

import (
	"fmt"
	"strconv"
	"testing"
)

// Sharding, as Discord does it: a bot identifies as shard [id, count]
// (no shard field means [0, 1]), and each gateway session receives the
// events of the guilds whose id maps to its shard, (guild_id >> 22) %
// count, and DMs on shard 0. Discord refuses an IDENTIFY with an invalid
// shard with 4010 and, once the bot is in too many guilds for its shard
// count (2,500 a shard), with 4011.

// shardsConfig is what the fake says and checks about shards.
type shardsConfig struct {
	// recommended is GET /gateway/bot's shards.
	recommended int
	// required is the fewest shards an IDENTIFY may ask for before it is
	// closed with 4011; 0 or 1 requires none.
	required int
	// maxConcurrency is session_start_limit.max_concurrency.
	maxConcurrency int
}

var defaultShards = shardsConfig{recommended: 1, maxConcurrency: 1}

// RecommendShards makes GET /gateway/bot recommend n shards, as Discord
// does for a bot that has grown towards 2,500 guilds per shard; the fake
// still accepts any valid shard count.
func (s *Server) RecommendShards(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards.recommended = n
}

// RequireShards makes the fake behave as for a bot in n × 2,500 guilds:
// GET /gateway/bot recommends n shards, and an IDENTIFY with fewer than n
// (unsharded counts as 1) is closed with 4011 (Sharding required).
func (s *Server) RequireShards(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards.recommended, s.shards.required = n, n
}

// SetMaxConcurrency sets GET /gateway/bot's
// session_start_limit.max_concurrency: how many shards may identify in
// each 5 s. The fake reports it and does not enforce it.
func (s *Server) SetMaxConcurrency(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards.maxConcurrency = n
}

// ShardOf is the shard, of count, that Discord sends guildID's events to;
// "" (a DM) is shard 0.
func ShardOf(guildID string, count int) int {
	if guildID == "" {
		return 0 // a DM
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count <= 1 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// GuildOnShard returns a guild id (a snowflake) whose events go to shard
// of count, for interactions that must reach a given shard.
func GuildOnShard(shard, count int) string {
	// A snowflake's upper 42 bits are milliseconds since Discord's
	// epoch: 1<<38 is in 2023.
	ms := uint64(1 << 38)
	ms += uint64(shard) - ms%uint64(count)
	return strconv.FormatUint(ms<<22|1, 10)
}

// identifiedShard checks an IDENTIFY's shard field as Discord does and
// returns the shard, or the close frame refusing it.
func (s *Server) identifiedShard(shard []int) ([2]int, closeFrame) {
	sh := [2]int{0, 1}
	if shard != nil {
		if len(shard) != 2 || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1] {
			return sh, closeFrame{4010, "Invalid shard."}
		}
		sh = [2]int{shard[0], shard[1]}
	}
	s.mu.Lock()
	required := s.shards.required
	s.mu.Unlock()
	if sh[1] < required {
		return sh, closeFrame{4011, "Sharding required."}
	}
	return sh, closeFrame{}
}

// receives reports whether c's session gets the events of guildID.
func (c *gatewayConn) receives(guildID string) bool {
	sh := c.session.shard
	return ShardOf(guildID, sh[1]) == sh[0]
}

// readyConnForLocked is the latest connection that is ready (see
// readyConnLocked) and whose shard receives guildID's events; s.mu must
// be held.
func (s *Server) readyConnForLocked(guildID string) *gatewayConn {
	var latest *gatewayConn
	for c := range s.gateways {
		if c.session != nil && !c.closing && c.receives(guildID) && (latest == nil || c.started > latest.started) {
			latest = c
		}
	}
	return latest
}

// WaitShardReady waits until a gateway connection identified (or resumed)
// as shard id has a session and is not being closed.
func (s *Server) WaitShardReady(t testing.TB, id int) {
	t.Helper()
	s.waitFor(t, fmt.Sprintf("ready gateway session for shard %d", id), func() bool {
		for c := range s.gateways {
			if c.session != nil && !c.closing && c.session.shard[0] == id {
				return true
			}
		}
		return false
	})
}

// ShardReceived returns the shard, [id, count], whose session the
// interaction with the given id was dispatched on, and whether it was
// dispatched.
func (s *Server) ShardReceived(interactionID string) ([2]int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.interactions[interactionID]
	if !ok {
		return [2]int{}, false
	}
	return p.shard, true
}

// waitShardFor waits for a ready connection whose shard receives
// guildID's events ("" for a DM) and returns it with its shard.
func (s *Server) waitShardFor(t testing.TB, guildID string) (*gatewayConn, [2]int) {
	t.Helper()
	var c *gatewayConn
	var shard [2]int
	what := "ready gateway session to dispatch to"
	if guildID != "" {
		what += " (on the shard of guild " + guildID + ")"
	}
	s.waitFor(t, what, func() bool {
		c = s.readyConnForLocked(guildID)
		if c != nil {
			shard = c.session.shard
		}
		return c != nil
	})
	return c, shard
}
