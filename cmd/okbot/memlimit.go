package main

import (
	"runtime/debug"
	"strconv"
	"strings"
)

// cgroupMemoryFiles hold the container's memory limit: cgroup v2's, then
// v1's.
var cgroupMemoryFiles = []string{
	"/sys/fs/cgroup/memory.max",
	"/sys/fs/cgroup/memory/memory.limit_in_bytes",
}

// memoryLimitShare is the part of the container's limit given to the Go
// runtime's soft limit; the rest is for what the limit does not count
// (the binary's mapped pages, thread stacks outside the heap) and for
// headroom.
const memoryLimitShare = 0.9

// memoryLimit is the soft memory limit for the Go runtime in a container
// when GOMEMLIMIT is not set (env is os.LookupEnv): memoryLimitShare of
// the cgroup's memory limit. Without a soft limit the garbage collector
// only paces itself by heap growth (GOGC), so a spike near a small
// container's limit ends with the kernel killing the process; with one it
// collects harder as the limit nears. ok is false when GOMEMLIMIT is set
// (the runtime has applied it), or there is no limit to follow: no
// cgroup file, "max", or cgroup v1's "unlimited" (a number near 2^63).
// Go (1.25 and later) already sets GOMAXPROCS from the cgroup's CPU
// limit.
func memoryLimit(env func(string) (string, bool), readFile func(string) ([]byte, error)) (limit int64, ok bool) {
	if _, set := env("GOMEMLIMIT"); set {
		return 0, false
	}
	for _, name := range cgroupMemoryFiles {
		b, err := readFile(name)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || n <= 0 || n >= 1<<62 {
			return 0, false // "max", or v1's unlimited
		}
		return int64(float64(n) * memoryLimitShare), true
	}
	return 0, false
}

// setMemoryLimit applies memoryLimit, if there is one.
func setMemoryLimit(env func(string) (string, bool), readFile func(string) ([]byte, error)) {
	if limit, ok := memoryLimit(env, readFile); ok {
		debug.SetMemoryLimit(limit)
	}
}
