//go:build unix

package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestServeAnswersNothingBeforeItCanAnswerCommands: okbot serve opens its
// socket only once it has its facts, so that nothing is answered by a
// server that cannot answer commands yet: not Discord's PING when the
// endpoint is saved in the Developer Portal, nor a platform's first
// request after a cold start. show.json is a named pipe here, so loading
// the facts waits until the test writes it; meanwhile a PING must
// find nothing listening: not even a socket to connect to.
func TestServeAnswersNothingBeforeItCanAnswerCommands(t *testing.T) {
	dir := factsDir(t)
	show := filepath.Join(dir, "show.json")
	content, err := os.ReadFile(show)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(show); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(show, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// The address okbot will listen on: free a moment ago, so that a PING
	// can be sent there before okbot says it listens. (Should another
	// process take it meanwhile, the test fails wrongly; a port the kernel
	// has just handed out is rarely taken again this soon.)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "OKBOT_ADDR": addr, "OKBOT_DRAIN_DELAY": "0", "OKBOT_DATA": dir}
	listening := make(chan net.Addr, 1)
	log, exited, stop := start(t, env, deps{listening: func(a net.Addr) { listening <- a }}, "serve")
	// Should the test end before writing the pipe, opening it to write
	// (read-write does not wait for a reader) and closing it ends okbot's
	// read, so that okbot can stop; start's cleanup runs after this one.
	t.Cleanup(func() {
		if f, err := os.OpenFile(show, os.O_RDWR, 0); err == nil {
			f.Close()
		}
	})
	s := &opsServer{base: "http://" + addr, priv: priv}

	// Opening the pipe to write returns once okbot has opened it to read:
	// okbot is loading its facts now, and stays there until it is written.
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(show, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	var w *os.File
	select {
	case w = <-opened:
	case a := <-listening:
		t.Fatalf("okbot serve listened on %s without reading show.json from OKBOT_DATA", a)
	case <-exited:
		t.Fatalf("okbot serve stopped before it read show.json: %v\n%s", stop(), log)
	}
	if w == nil {
		t.FailNow()
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Errorf("a connection to %s while okbot was loading its facts was accepted, want nothing listening there", addr)
	}
	select {
	case a := <-listening:
		t.Errorf("okbot serve listened on %s while loading its facts", a)
	default:
	}
	if _, err := w.Write(content); err != nil {
		t.Fatal(err)
	}
	w.Close()

	select {
	case <-listening:
	case <-exited:
		t.Fatalf("okbot serve stopped before listening: %v\n%s", stop(), log)
	}
	if status, body, err := s.interact(`{"id":"1","application_id":"2","token":"t","type":1}`); err != nil || status != 200 || body != `{"type":1}` {
		t.Errorf("PING once listening = %d %q %v, want 200 {\"type\":1}", status, body, err)
	}
	if status, body, err := s.interact(season2Body); err != nil || status != 200 || !strings.Contains(body, `"type":4`) {
		t.Errorf("/season2 once listening = %d %q %v, want 200 and an answer", status, body, err)
	}
}
