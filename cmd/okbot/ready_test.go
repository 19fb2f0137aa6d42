package main

import (
	"strings"
	"testing"
)

// TestServeStartsFromOKBOT_DATA: a server answers from the facts in
// OKBOT_DATA from its first answer, not from the built-in ones.
func TestServeStartsFromOKBOT_DATA(t *testing.T) {
	const builtIn, edited = "Not confirmed. As of 28 Nov 2025", "Not confirmed, edited. As of 28 Nov 2025"
	dir := factsDir(t, edit{"season2.json", builtIn, edited})
	s := startServe(t, map[string]string{"OKBOT_DATA": dir})
	if status, body, err := s.interact(season2Body); err != nil || status != 200 || !strings.Contains(body, edited) {
		t.Errorf("/season2 from OKBOT_DATA = %d %.300s %v, want the edited fact", status, body, err)
	}
}

// TestServersTakeTheShortWay: run and serve read the built-in facts
// without checking them again and prepare nothing before they are asked
// (registry), which takes a small part of what checking and preparing
// everything takes (prepare, as validate and OKBOT_DATA do).
func TestServersTakeTheShortWay(t *testing.T) {
	full := testing.AllocsPerRun(1, func() {
		if reg, problems := prepare(""); reg == nil || len(problems) > 0 {
			t.Fatalf("prepare(built-in) = %v, %q", reg, problems)
		}
	})
	short := testing.AllocsPerRun(1, func() {
		if _, err := registry("", true); err != nil {
			t.Fatal(err)
		}
	})
	if short > full/5 {
		t.Errorf("a server's start from the built-in facts made %.0f allocations, checking and preparing everything %.0f: want at most a fifth", short, full)
	}
}
