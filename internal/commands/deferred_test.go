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
	r, err := newRegistry(testStore(t), draw, true)
	if err != nil {
		t.Fatal(err)
	}
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
	r, err := newRegistry(testStore(t), func(*facts.Ratings) ([]byte, error) { return nil, errDraw }, true)
	if err != nil {
		t.Fatal(err)
	}
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
	reqs := []Request{slash("season2"), slash("cast"), slash("ratings"), inLocale(slash("ratings"), "ko"), slash("about"), slash("help"),
		slash("ask", Option{Name: "question", Value: "who plays the head nurse"}),
		slash("ask", Option{Name: "question", Value: "season 2?"}),
		inLocale(slash("ask", Option{Name: "question", Value: "16화 시청률"}), "ko"),
		click("v1:ask:en:ratings")}
	for _, req := range reqs {
		if got, want := deferred.Handle(req), eager.Handle(req); !reflect.DeepEqual(got, want) {
			t.Errorf("NewDeferred's Handle(%+v) differs from New's", req)
		}
	}
}
