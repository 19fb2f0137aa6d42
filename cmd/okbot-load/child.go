package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// child is a server process okbot-load started: okbot serve under a
// soak or a comparison, or the baseline. Whoever starts it sends cmd.Wait's
// result on done, once.
type child struct {
	cmd      *exec.Cmd
	done     chan error
	stopOnce sync.Once
	stopErr  error
}

func newChild(cmd *exec.Cmd) *child { return &child{cmd: cmd, done: make(chan error, 1)} }

// stop ends the process with SIGTERM (SIGKILL after 15 s) and says how it
// ended; it runs once, however often it is called.
func (c *child) stop() error {
	c.stopOnce.Do(func() {
		c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case c.stopErr = <-c.done:
		case <-time.After(15 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
			c.stopErr = errors.New("did not stop within 15s of SIGTERM; killed")
		}
	})
	return c.stopErr
}

// serverEnv is the environment a server under test runs with: this
// process's without what could make okbot reach Discord (DISCORD_*,
// OKBOT_*), then the public key the load's requests are signed for, no
// command registration, and vars.
func serverEnv(publicKey string, vars ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "DISCORD_") || strings.HasPrefix(kv, "OKBOT_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "DISCORD_PUBLIC_KEY="+publicKey, "OKBOT_REGISTER=false")
	return append(env, vars...)
}
