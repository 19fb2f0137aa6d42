package config

import (
	"strconv"
	"strings"
)

// Shard is which part of the bot's servers one `okbot run` serves. Discord
// requires a gateway bot to split its servers among shards once it is in
// about 2,500 of them; each shard is a separate connection, and Discord
// sends it the interactions of the servers whose id maps to it (and DMs to
// shard 0). `okbot serve` needs no shards.
type Shard struct {
	// ID (OKBOT_SHARD_ID) is this process's shard, from 0 to Count-1.
	ID int
	// Count (OKBOT_SHARD_COUNT) is how many shards run in all, one process
	// each.
	Count int
}

// Unsharded is one connection for every server: shard 0 of 1.
var Unsharded = Shard{ID: 0, Count: 1}

// loadShard reads OKBOT_SHARD_ID and OKBOT_SHARD_COUNT, reporting problems
// through bad: both or neither, a count of 1 or more, an id from 0 to
// count-1. Neither is Unsharded.
func loadShard(getenv func(string) string, bad func(string, ...any)) Shard {
	idVar := strings.TrimSpace(getenv("OKBOT_SHARD_ID"))
	countVar := strings.TrimSpace(getenv("OKBOT_SHARD_COUNT"))
	switch {
	case idVar == "" && countVar == "":
		return Unsharded
	case countVar == "":
		bad("OKBOT_SHARD_ID is set but OKBOT_SHARD_COUNT is not; set both (this process runs shard OKBOT_SHARD_ID of OKBOT_SHARD_COUNT), or neither to run one unsharded connection")
		return Unsharded
	case idVar == "":
		bad("OKBOT_SHARD_COUNT is set but OKBOT_SHARD_ID is not; set both (this process runs shard OKBOT_SHARD_ID of OKBOT_SHARD_COUNT), or neither to run one unsharded connection")
		return Unsharded
	}
	count, err := strconv.Atoi(countVar)
	if err != nil || count < 1 {
		bad("OKBOT_SHARD_COUNT=%q is not a whole number of 1 or more; set it to how many shards run in all (one process each)", countVar)
		return Unsharded
	}
	id, err := strconv.Atoi(idVar)
	if err != nil || id < 0 || id >= count {
		bad("OKBOT_SHARD_ID=%q is not a shard of %d: shards are numbered from 0 to OKBOT_SHARD_COUNT-1 (%d); give each process its own", idVar, count, count-1)
		return Unsharded
	}
	return Shard{ID: id, Count: count}
}
