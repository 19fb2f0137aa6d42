//go:build unix

package main

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/okbot/okbot/internal/discordtest"
)

// A real SIGHUP reloads the facts (and does not end okbot, as it would
// by default); gateway mode reloads like serve.
func TestSIGHUPReloadsGateway(t *testing.T) {
	const oldText, newText = "Not confirmed. As of 28 Nov 2025", "Not confirmed, by SIGHUP. As of 28 Nov 2025"
	fake := discordtest.New(t)
	dir := factsDir(t)
	env := map[string]string{"DISCORD_TOKEN": fake.Token, "OKBOT_DATA": dir}
	log, _, stop := start(t, env, deps{client: fake.Client(), tls: fake.TLSConfig()}, "run")
	fake.WaitReady(t)
	if cb := fake.Interact(t, discordtest.Command("season2")); !strings.Contains(string(cb.Payload), oldText) {
		t.Fatalf("before the reload: %.300s", cb.Payload)
	}
	rewrite(t, dir, "season2.json", oldText, newText)
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog(t, log, "reloaded the facts", 1)
	if cb := fake.Interact(t, discordtest.Command("season2")); !strings.Contains(string(cb.Payload), newText) {
		t.Errorf("after SIGHUP: %.300s, want the edited fact", cb.Payload)
	}
	if err := stop(); err != nil {
		t.Errorf("okbot run after cancel = %v", err)
	}
}
