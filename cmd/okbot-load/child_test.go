package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestServerEnv: a server under test gets none of the DISCORD_ or OKBOT_
// variables okbot-load runs with (a real token, a real public key), only
// the key its load is signed with, no registration, and what it asked for.
func TestServerEnv(t *testing.T) {
	t.Setenv("DISCORD_TOKEN", "real-token")
	t.Setenv("DISCORD_PUBLIC_KEY", "real-key")
	t.Setenv("OKBOT_REGISTER", "true")
	t.Setenv("OKBOT_DATA", "/real/facts")
	t.Setenv("KEEP_ME", "yes")
	env := serverEnv("abc123", "OKBOT_ADDR=127.0.0.1:0", "OKBOT_LOG_LEVEL=error")
	var ours []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "DISCORD_") || strings.HasPrefix(kv, "OKBOT_") {
			ours = append(ours, kv)
		}
	}
	want := []string{"DISCORD_PUBLIC_KEY=abc123", "OKBOT_REGISTER=false", "OKBOT_ADDR=127.0.0.1:0", "OKBOT_LOG_LEVEL=error"}
	if !slices.Equal(ours, want) {
		t.Errorf("serverEnv's DISCORD_ and OKBOT_ variables = %q, want %q", ours, want)
	}
	if !slices.Contains(env, "KEEP_ME=yes") {
		t.Errorf("serverEnv = %q, want the rest of the environment (KEEP_ME=yes) kept", env)
	}
}

// TestChildStop: stop ends the process with SIGTERM and says how it
// ended, and a second stop (a deferred one after an explicit one) says
// the same instead of waiting for an exit that was already taken.
func TestChildStop(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	cmd := exec.Command(sleep, "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := newChild(cmd)
	go func() { c.done <- cmd.Wait() }()
	first := c.stop()
	if first == nil || !strings.Contains(first.Error(), "terminated") {
		t.Errorf("stop() = %v, want the process ended by SIGTERM", first)
	}
	if again := c.stop(); again != first {
		t.Errorf("second stop() = %v, want %v again", again, first)
	}
}
