package commands

import (
	"errors"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/okbot/okbot/internal/facts"
)

// TestDeferredChart: NewDeferred does not draw the chart; the first
// /ratings overview draws it, and a /ratings that comes while it is being
// drawn waits for the same picture instead of answering without it. It
// is drawn once.
func TestDeferredChart(t *testing.T) {
	var draws atomic.Int32
	drawing, release := make(chan struct{}), make(chan struct{})
	draw := func(*facts.Ratings) ([]byte, error) {
		if draws.Add(1) == 1 {
			close(drawing)
		}
		<-release
		return []byte("png"), nil
	}
	r := newDeferred(testStore(t), draw)
	if n := draws.Load(); n != 0 {
		t.Fatalf("NewDeferred drew the chart %d times, want none until it is asked for", n)
	}
	answers := make(chan Response, 2)
	go func() { answers <- r.Handle(slash("ratings")) }()
	<-drawing
	go func() { answers <- r.Handle(inLocale(slash("ratings"), "ko")) }()
	select {
	case resp := <-answers:
		t.Fatalf("/ratings answered while the chart was being drawn: %+v", resp)
	default:
	}
	close(release)
	for range 2 {
		resp := <-answers
		if len(resp.Files) != 1 || string(resp.Files[0].Data) != "png" || len(resp.Embeds) != 1 || resp.Embeds[0].Image != "attachment://"+chartFile {
			t.Errorf("/ratings = %d files, image %q; want the chart drawn meanwhile", len(resp.Files), resp.Embeds[0].Image)
		}
	}
	if err := r.Degraded(); err != nil {
		t.Errorf("Degraded() = %v, want nil", err)
	}
	if n := draws.Load(); n != 1 {
		t.Errorf("the chart was drawn %d times, want once", n)
	}
}

// TestDeferredChartFails: a chart NewDeferred cannot draw leaves /ratings
// without the picture, and Degraded says why once it has tried.
func TestDeferredChartFails(t *testing.T) {
	errDraw := errors.New("no fonts")
	r := newDeferred(testStore(t), func(*facts.Ratings) ([]byte, error) { return nil, errDraw })
	resp := handle(t, r, slash("ratings"))
	if len(resp.Files) != 0 || !strings.Contains(text(resp), msgChartMissing.in(english)) {
		t.Errorf("/ratings without a chart = %d files, %q", len(resp.Files), text(resp))
	}
	if err := r.Degraded(); !errors.Is(err, errDraw) {
		t.Errorf("Degraded() = %v, want %v", err, errDraw)
	}
}

// TestDeferredAsk: /ask prepared on first use answers every question as
// /ask prepared by New does.
func TestDeferredAsk(t *testing.T) {
	store := testStore(t)
	var found problems
	eager := newAsk(store, newCast(store, &found), newRatings(store, noChart, &found, false), &found, false)
	deferred := newAsk(store, newCast(store, &found), newRatings(store, noChart, &found, true), &found, true)
	if len(found) > 0 {
		t.Fatal(found.err())
	}
	want, got := eager.every(), deferred.every()
	if len(got) != len(want) {
		t.Fatalf("deferred /ask prepared %d answers, New %d", len(got), len(want))
	}
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("deferred /ask answers %+v differently", k)
		}
	}
}

// TestNewDeferredAnswersAsNew: a registry from NewDeferred answers every
// command, button and question as one from New.
func TestNewDeferredAnswersAsNew(t *testing.T) {
	eager := testRegistry(t)
	deferred, err := NewDeferred(testStore(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := deferred.Definitions(), eager.Definitions(); !reflect.DeepEqual(got, want) {
		t.Errorf("NewDeferred's Definitions() = %+v, want New's %+v", got, want)
	}
	// Every command, its autocomplete and a button of each, each the
	// first use of its command in one of the two registries.
	reqs := []Request{slash("season2"), slash("cast"), slash("ratings"), inLocale(slash("ratings"), "ko"), slash("about"), slash("help"),
		slash("ask", Option{Name: "question", Value: "who plays the head nurse"}),
		slash("ask", Option{Name: "question", Value: "season 2?"}),
		inLocale(slash("ask", Option{Name: "question", Value: "16화 시청률"}), "ko"),
		click("v1:ask:en:ratings")}
	fresh, err := NewDeferred(testStore(t))
	if err != nil {
		t.Fatal(err)
	}
	firsts := []Request{complete("name", "seo"), click("v1:cast:ko:p:2"), click("v1:s2:en:hope"), click("v1:about:ko:music"),
		click("v1:rt:en:notes"), slash("ratings", Option{Name: "episode", Value: "16"}), slash("cast", Option{Name: "name", Value: "Oh Jung-se"})}
	for _, req := range firsts {
		got, want := fresh.Handle(req), eager.Handle(req)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("a fresh NewDeferred's Handle(%+v) differs from New's", req)
		}
		if len(got.Choices) == 0 && (len(got.Embeds) == 0 || got.Embeds[0].Title == "") {
			t.Errorf("Handle(%+v) = %+v, want an answer with a title or choices", req, got)
		}
	}
	for _, req := range append(reqs, firsts...) {
		if got, want := deferred.Handle(req), eager.Handle(req); !reflect.DeepEqual(got, want) {
			t.Errorf("NewDeferred's Handle(%+v) differs from New's", req)
		}
	}
}

// TestNewDeferredPreparesNothing: NewDeferred leaves every answer to its
// first use, so it costs a small part of what New, which prepares and
// checks them all, costs.
func TestNewDeferredPreparesNothing(t *testing.T) {
	store := testStore(t)
	eager := testing.AllocsPerRun(1, func() {
		if _, err := newRegistry(store, noChart); err != nil {
			t.Fatal(err)
		}
	})
	deferred := testing.AllocsPerRun(1, func() {
		if _, err := NewDeferred(store); err != nil {
			t.Fatal(err)
		}
	})
	if deferred > eager/50 {
		t.Errorf("NewDeferred made %.0f allocations, New %.0f: want at most a fiftieth", deferred, eager)
	}
}
