package main

import (
	"io/fs"
	"runtime/debug"
	"testing"
)

// TestMemoryLimit: without GOMEMLIMIT, the soft limit is 90% of the
// container's memory limit, from cgroup v2 or else v1; no limit, or
// GOMEMLIMIT set, leaves the runtime's.
func TestMemoryLimit(t *testing.T) {
	unset := func(string) (string, bool) { return "", false }
	files := func(m map[string]string) func(string) ([]byte, error) {
		return func(name string) ([]byte, error) {
			if v, ok := m[name]; ok {
				return []byte(v), nil
			}
			return nil, fs.ErrNotExist
		}
	}
	const v2, v1 = "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"
	for _, tc := range []struct {
		name   string
		env    func(string) (string, bool)
		files  map[string]string
		want   int64
		wantOK bool
	}{
		{"cgroup v2 limit", unset, map[string]string{v2: "268435456\n"}, 241591910, true},
		{"cgroup v1 limit", unset, map[string]string{v1: "134217728\n"}, 120795955, true},
		{"v2 before v1", unset, map[string]string{v2: "268435456\n", v1: "134217728\n"}, 241591910, true},
		{"v2 without a limit", unset, map[string]string{v2: "max\n"}, 0, false},
		{"v1 without a limit", unset, map[string]string{v1: "9223372036854771712\n"}, 0, false},
		{"no cgroup", unset, nil, 0, false},
		{"GOMEMLIMIT set", func(k string) (string, bool) { return "64MiB", k == "GOMEMLIMIT" }, map[string]string{v2: "268435456\n"}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := memoryLimit(tc.env, files(tc.files))
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("memoryLimit = %d, %v; want %d, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

// setMemoryLimit gives the runtime the limit memoryLimit finds.
func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	setMemoryLimit(func(string) (string, bool) { return "", false }, func(name string) ([]byte, error) {
		if name == cgroupMemoryFiles[0] {
			return []byte("1000000000\n"), nil
		}
		return nil, fs.ErrNotExist
	})
	if got := debug.SetMemoryLimit(-1); got != 900_000_000 {
		t.Errorf("soft memory limit = %d, want 90%% of the cgroup's 1000000000", got)
	}
}
